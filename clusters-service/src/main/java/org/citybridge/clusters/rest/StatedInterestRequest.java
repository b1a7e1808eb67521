package org.citybridge.clusters.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.citybridge.clusters.service.SurveyResponseCommand;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.kit.web.PartnerPreferencesRequest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An interest stated in a survey response, with optional partner preferences (empty = any). */
@Schema(name = "StatedInterest")
public record StatedInterestRequest(
        @NotNull @Schema(example = "tourism") CooperationArea area,
        @NotNull @Schema(example = "MUTUAL") Stance stance,
        @NotNull @Schema(example = "SISTER_CITY") Intent intent,

        @Valid PartnerPreferencesRequest preferences) {

    SurveyResponseCommand.Interest toCommand() {
        return new SurveyResponseCommand.Interest(
                area,
                stance,
                intent,
                PartnerPreferencesRequest.regionsOf(preferences),
                PartnerPreferencesRequest.countriesOf(preferences));
    }
}
