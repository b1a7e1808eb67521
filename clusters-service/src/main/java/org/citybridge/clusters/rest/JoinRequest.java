package org.citybridge.clusters.rest;

import jakarta.validation.constraints.NotNull;
import org.citybridge.clusters.service.MembershipCommand;
import org.citybridge.contracts.vocabulary.MemberKind;
import org.citybridge.contracts.vocabulary.MemberRole;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** A city or an organisation joins a cluster. */
@Schema(name = "JoinRequest")
public record JoinRequest(
        @NotNull @Schema(example = "CITY") MemberKind memberKind,

        @NotNull @Schema(description = "A city id (known from city-events) or an organisation id")
        UUID memberId,

        @Schema(description = "MEMBER (default), FACILITATOR or LEAD")
        MemberRole role) {

    MembershipCommand toCommand() {
        return new MembershipCommand(memberKind, memberId, role);
    }
}
