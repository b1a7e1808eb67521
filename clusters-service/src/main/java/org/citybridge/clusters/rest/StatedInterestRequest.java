package org.citybridge.clusters.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.citybridge.clusters.service.SurveyResponseCommand;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** An interest stated in a survey response, with optional partner preferences (empty = any). */
@Schema(name = "StatedInterest")
public record StatedInterestRequest(
        @NotNull @Schema(example = "tourism") CooperationArea area,
        @NotNull @Schema(example = "MUTUAL") Stance stance,
        @NotNull @Schema(example = "SISTER_CITY") Intent intent,

        @Size(max = 20) @Schema(example = "[\"Latin America and the Caribbean\"]")
        List<@NotNull @Size(min = 1, max = 100) @Pattern(regexp = "[^|]*", message = "must not contain '|'") String>
                preferredRegions,

        @Size(max = 50) @Schema(example = "[\"MX\"]")
        List<@NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String>
                preferredCountries) {

    SurveyResponseCommand.Interest toCommand() {
        return new SurveyResponseCommand.Interest(area, stance, intent, preferredRegions, preferredCountries);
    }
}
