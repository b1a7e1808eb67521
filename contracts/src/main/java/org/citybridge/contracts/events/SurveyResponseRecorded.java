package org.citybridge.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A participating city answered the survey of a held exchange. cities-service turns each stated
 * interest into an interest of the city (source {@code survey:<responseId>}). Key: exchange id.
 *
 * @param rating 1 to 5
 */
public record SurveyResponseRecorded(
        UUID responseId,
        UUID exchangeId,
        UUID cityId,
        List<StatedInterest> interests,
        boolean wantsPartnership,
        int rating,
        Instant recordedAt)
        implements EventPayload {

    public SurveyResponseRecorded {
        interests = interests == null ? List.of() : List.copyOf(interests);
    }

    @Override
    public UUID aggregateId() {
        return exchangeId;
    }
}
