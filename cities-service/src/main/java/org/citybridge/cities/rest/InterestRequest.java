package org.citybridge.cities.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.citybridge.cities.service.InterestCommand;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.kit.web.PartnerPreferencesRequest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An interest a city states on its profile. */
@Schema(name = "InterestRequest")
public record InterestRequest(
        @NotNull @Schema(example = "tourism") CooperationArea area,
        @NotNull @Schema(example = "MUTUAL") Stance stance,
        @NotNull @Schema(example = "SISTER_CITY") Intent intent,
        @Valid PartnerPreferencesRequest preferences,

        @Size(max = 1000) @Schema(example = "2022 marks 50 years of China-Mexico diplomatic ties")
        String note) {

    InterestCommand toCommand() {
        return new InterestCommand(
                area,
                stance,
                intent,
                PartnerPreferencesRequest.regionsOf(preferences),
                PartnerPreferencesRequest.countriesOf(preferences),
                note);
    }
}
