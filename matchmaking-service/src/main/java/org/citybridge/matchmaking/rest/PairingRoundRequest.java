package org.citybridge.matchmaking.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.matchmaking.pairing.GroupQuery;
import org.citybridge.matchmaking.pairing.PairingService.RunRound;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** Pair one group of cities with another. */
@Schema(description = "A pairing round request")
public record PairingRoundRequest(
        @NotNull @Valid GroupSelector groupA,
        @NotNull @Valid GroupSelector groupB,
        @NotNull ProposalKind kind,

        @Schema(description = "For THEMATIC rounds: the area (default: each pair's best area)")
        CooperationArea area,

        @Schema(description = "Partners per city", defaultValue = "1") @Min(1) @Max(10)
        Integer capacity,

        @Schema(description = "optimal (maximum total score) or stable (no blocking pair)", defaultValue = "optimal")
        @Pattern(regexp = "optimal|stable")
        String method) {

    RunRound toCommand() {
        return new RunRound(
                groupA.toQuery(),
                groupB.toQuery(),
                kind,
                area,
                capacity == null ? 1 : capacity,
                method == null ? "optimal" : method);
    }

    /** Explicit city ids, or filters that all must hold. */
    @Schema(description = "A group of cities: ids, or filters")
    public record GroupSelector(
            @Size(max = 2000) List<@NotNull UUID> cityIds,

            @Schema(example = "MX") @Pattern(regexp = "[A-Za-z]{2}")
            String country,

            UUID clusterId,
            CooperationArea area) {

        GroupQuery toQuery() {
            return new GroupQuery(cityIds, country, clusterId, area);
        }
    }
}
