package org.citybridge.clusters.rest;

import org.citybridge.clusters.domain.Membership;
import org.citybridge.contracts.vocabulary.MemberKind;
import org.citybridge.contracts.vocabulary.MemberRole;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A membership; {@code leftAt} is absent while it is active. */
@Schema(name = "Membership")
public record MembershipView(
        UUID id,
        UUID clusterId,
        MemberKind memberKind,
        UUID memberId,
        String memberName,
        MemberRole role,
        Instant joinedAt,
        Instant leftAt,
        boolean active,
        long version) {

    static MembershipView of(Membership m) {
        return new MembershipView(
                m.id,
                m.clusterId,
                m.memberKind,
                m.memberId,
                m.memberName,
                m.role,
                m.joinedAt,
                m.leftAt,
                m.isActive(),
                m.version);
    }
}
