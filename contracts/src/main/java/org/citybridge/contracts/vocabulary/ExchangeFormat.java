package org.citybridge.contracts.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;

/** How a facilitated exchange takes place. */
public enum ExchangeFormat {
    VIDEO_CONFERENCE,
    STUDY_COURSE,
    WEBINAR,
    STUDY_VISIT,
    WORKSHOP;

    /** Parses the JSON form, rejecting unknown values with a message that lists the allowed ones. */
    @JsonCreator
    public static ExchangeFormat parse(String value) {
        return Codes.parse(ExchangeFormat.class, "exchange format", value);
    }
}
