package org.citybridge.matchmaking.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.matchmaking.partnership.PartnershipService.RecordPartnership;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.UUID;

/** A partnership formed outside the platform, e.g. a historical sister-city agreement. */
@Schema(description = "A partnership formed outside the platform")
public record RecordPartnershipRequest(
        @NotNull UUID cityA,
        @NotNull UUID cityB,
        @NotNull ProposalKind kind,

        @Schema(description = "Required for THEMATIC, empty for SISTER_CITY")
        CooperationArea area,

        @NotNull @PastOrPresent LocalDate formedOn,

        @Schema(description = "Where the agreement is documented", example = "Agreement signed in Luoyang, 2022")
        @NotBlank
        @Size(max = 500)
        String source) {

    RecordPartnership toCommand() {
        return new RecordPartnership(cityA, cityB, kind, area, formedOn, source);
    }
}
