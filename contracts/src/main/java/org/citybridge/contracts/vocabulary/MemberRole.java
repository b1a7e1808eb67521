package org.citybridge.contracts.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;

/** A member's role in a thematic cluster. */
public enum MemberRole {
    MEMBER,
    FACILITATOR,
    LEAD;

    /** Parses the JSON form, rejecting unknown values with a message that lists the allowed ones. */
    @JsonCreator
    public static MemberRole parse(String value) {
        return Codes.parse(MemberRole.class, "member role", value);
    }
}
