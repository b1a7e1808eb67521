package org.citybridge.contracts.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The kind of partnership matchmaking proposes: a sister-city relationship, or a thematic partnership in one area. */
public enum ProposalKind {
    SISTER_CITY,
    THEMATIC;

    /** Parses the JSON form, rejecting unknown values with a message that lists the allowed ones. */
    @JsonCreator
    public static ProposalKind parse(String value) {
        return Codes.parse(ProposalKind.class, "proposal kind", value);
    }
}
