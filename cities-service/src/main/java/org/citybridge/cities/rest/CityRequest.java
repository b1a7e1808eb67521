package org.citybridge.cities.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.citybridge.cities.domain.City;
import org.citybridge.cities.domain.Official;
import org.citybridge.cities.service.CityCommand;
import org.citybridge.contracts.events.HeritageAsset;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * A city profile as clients write it (create and full replace). Region and sub-region are derived
 * from the country; id, version, partners and timestamps are the platform's and cannot be sent.
 */
@Schema(name = "CityRequest", description = "A city profile as written by clients")
public record CityRequest(
        @NotBlank @Size(max = 200) @Schema(example = "Luoyang")
        String name,

        @Size(max = 200) @Schema(description = "Name in the local language and script", example = "洛阳")
        String localName,

        @NotBlank
        @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code")
        @Schema(example = "CN")
        String country,

        @PositiveOrZero @Schema(example = "7056700") Long population,
        @Valid Coordinates coordinates,

        @Size(max = 20)
        List<@NotNull @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code") String> languages,

        @Size(max = 5000) String description,
        @Size(max = 50) List<@NotNull @Valid HeritageAssetDto> heritageAssets,
        @Size(max = 20) List<@NotBlank @Size(max = 200) String> associations,
        @Size(max = 50) List<@NotNull @Valid OfficialDto> officials) {

    /** The city's current profile in request form, officials' contact data included: the base of a merge patch. */
    static CityRequest of(City city) {
        return new CityRequest(
                city.name,
                city.localName,
                city.country,
                city.population,
                city.latitude == null ? null : new Coordinates(city.latitude, city.longitude),
                city.languages,
                city.description,
                city.heritageAssets.stream()
                        .map(h -> new HeritageAssetDto(h.name(), h.kind(), h.inscribedYear(), h.facts()))
                        .toList(),
                city.associations,
                city.officials.stream()
                        .map(o -> new OfficialDto(o.name(), o.title(), o.office(), o.email(), o.phone()))
                        .toList());
    }

    /** The profile as the directory's command; call after validation. */
    CityCommand toCommand() {
        CityCommand.Coordinates position = coordinates == null
                ? null
                : new CityCommand.Coordinates(coordinates.latitude(), coordinates.longitude());
        return new CityCommand(
                name,
                localName,
                country,
                population,
                position,
                languages,
                description,
                heritageAssets == null
                        ? null
                        : heritageAssets.stream()
                                .map(h -> new HeritageAsset(h.name(), h.kind(), h.inscribedYear(), h.facts()))
                                .toList(),
                associations,
                officials == null
                        ? null
                        : officials.stream()
                                .map(o -> new Official(o.name(), o.title(), o.office(), o.email(), o.phone()))
                                .toList());
    }

    /** WGS 84 coordinates in decimal degrees. */
    public record Coordinates(
            @NotNull @DecimalMin("-90") @DecimalMax("90") @Schema(example = "34.6197")
            Double latitude,

            @NotNull @DecimalMin("-180") @DecimalMax("180") @Schema(example = "112.454")
            Double longitude) {}

    /** A heritage asset, e.g. a UNESCO World Heritage site. */
    public record HeritageAssetDto(
            @NotBlank @Size(max = 300) @Schema(example = "Longmen Grottoes")
            String name,

            @Size(max = 100) @Schema(example = "UNESCO World Heritage site")
            String kind,

            @Min(1978) @Max(2100) @Schema(description = "UNESCO inscription year", example = "2000")
            Integer inscribedYear,

            @Size(max = 20) List<@NotBlank @Size(max = 500) String> facts) {}

    /** A city official; email and phone are personal data, never shown publicly. */
    public record OfficialDto(
            @NotBlank @Size(max = 200) @Schema(example = "Bai Zhibin")
            String name,

            @Size(max = 200) @Schema(example = "Deputy Director")
            String title,

            @Size(max = 200) @Schema(example = "Foreign Affairs Office")
            String office,

            @Email @Size(max = 200) String email,

            @Pattern(regexp = "\\+?[0-9 ()-]{4,30}", message = "must be a phone number")
            String phone) {}
}
