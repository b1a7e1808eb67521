package org.citybridge.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Map;

/**
 * One reason behind a proposal's score.
 *
 * @param code         stable machine code, e.g. {@code complementary-interest}
 * @param text         human-readable explanation, in English in events
 * @param contribution the share of the score this reason adds (negative for dampers)
 * @param params       what the text names, for rendering it in another language: city names, an area's
 *                     or intent's code, ISO country and language codes, counts; strings, whole numbers or
 *                     lists of strings
 */
// fields a later version adds are skipped: stored proposals and events stay readable by older instances
@JsonIgnoreProperties(ignoreUnknown = true)
public record MatchReason(String code, String text, double contribution, Map<String, Object> params) {

    public MatchReason {
        params = params == null ? Map.of() : params;
    }

    public MatchReason(String code, String text, double contribution) {
        this(code, text, contribution, Map.of());
    }

    /** The same reason with its text in another language. */
    public MatchReason withText(String rendered) {
        return new MatchReason(code, rendered, contribution, params);
    }
}
