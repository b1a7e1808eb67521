package org.citybridge.contracts.events;

import org.citybridge.contracts.vocabulary.MemberKind;

import java.time.Instant;
import java.util.UUID;

/** A city or organisation left a cluster. Key: cluster id. */
public record MemberLeft(UUID clusterId, UUID membershipId, MemberKind memberKind, UUID memberId, Instant leftAt)
        implements EventPayload {

    @Override
    public UUID aggregateId() {
        return clusterId;
    }
}
