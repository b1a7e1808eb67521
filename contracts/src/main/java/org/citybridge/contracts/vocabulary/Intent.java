package org.citybridge.contracts.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;

/** What kind of relationship an interest aims at. */
public enum Intent {
    SISTER_CITY,
    THEMATIC_PARTNERSHIP,
    KNOWLEDGE_EXCHANGE;

    /** Parses the JSON form, rejecting unknown values with a message that lists the allowed ones. */
    @JsonCreator
    public static Intent parse(String value) {
        return Codes.parse(Intent.class, "intent", value);
    }
}
