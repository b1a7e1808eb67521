package org.citybridge.cities.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.citybridge.cities.service.InterestCommand;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** An interest a city states on its profile. */
@Schema(name = "InterestRequest")
public record InterestRequest(
        @NotNull @Schema(example = "tourism") CooperationArea area,
        @NotNull @Schema(example = "MUTUAL") Stance stance,
        @NotNull @Schema(example = "SISTER_CITY") Intent intent,
        @Valid Preferences preferences,

        @Size(max = 1000) @Schema(example = "2022 marks 50 years of China-Mexico diplomatic ties")
        String note) {

    InterestCommand toCommand() {
        return new InterestCommand(
                area,
                stance,
                intent,
                preferences == null ? List.of() : preferences.regions(),
                preferences == null ? List.of() : preferences.countries(),
                note);
    }

    /** Preferred partners; empty means any. */
    public record Preferences(
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> regions,

            @Size(max = 50)
            List<@NotNull @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String>
                    countries) {}
}
