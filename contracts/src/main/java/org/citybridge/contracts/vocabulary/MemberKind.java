package org.citybridge.contracts.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;

/** What a cluster member is. */
public enum MemberKind {
    CITY,
    ORGANISATION;

    /** Parses the JSON form, rejecting unknown values with a message that lists the allowed ones. */
    @JsonCreator
    public static MemberKind parse(String value) {
        return Codes.parse(MemberKind.class, "member kind", value);
    }
}
