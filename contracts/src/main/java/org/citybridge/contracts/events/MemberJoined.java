package org.citybridge.contracts.events;

import org.citybridge.contracts.vocabulary.MemberKind;
import org.citybridge.contracts.vocabulary.MemberRole;

import java.time.Instant;
import java.util.UUID;

/** A city or organisation joined a cluster. Key: cluster id. */
public record MemberJoined(
        UUID clusterId,
        UUID membershipId,
        MemberKind memberKind,
        UUID memberId,
        String memberName,
        MemberRole role,
        Instant joinedAt)
        implements EventPayload {

    @Override
    public UUID aggregateId() {
        return clusterId;
    }
}
