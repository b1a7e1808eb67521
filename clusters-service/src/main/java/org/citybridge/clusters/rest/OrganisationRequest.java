package org.citybridge.clusters.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.citybridge.clusters.domain.OrganisationKind;
import org.citybridge.clusters.service.OrganisationCommand;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Creates or replaces an organisation. */
@Schema(name = "OrganisationRequest")
public record OrganisationRequest(
        @NotBlank @Size(max = 300) @Schema(example = "United Nations Office for South-South Cooperation (UNOSSC)")
        String name,

        @NotNull @Schema(example = "UN_AGENCY") OrganisationKind kind,

        @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as MX")
        @Schema(description = "ISO 3166-1 alpha-2; omit for international bodies", example = "MX")
        String country,

        @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
        String website) {

    OrganisationCommand toCommand() {
        return new OrganisationCommand(name, kind, country, website);
    }
}
