package org.citybridge.contracts.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;

/** A city's position on a cooperation area: it can share practice, wants to learn, or both. */
public enum Stance {
    OFFER,
    SEEK,
    MUTUAL;

    /** Parses the JSON form, rejecting unknown values with a message that lists the allowed ones. */
    @JsonCreator
    public static Stance parse(String value) {
        return Codes.parse(Stance.class, "stance", value);
    }
}
