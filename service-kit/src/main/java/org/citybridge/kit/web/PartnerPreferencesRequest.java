package org.citybridge.kit.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Locale;

/**
 * The partners an interest prefers, as every API takes them ({@code "preferences": {"regions": [...],
 * "countries": [...]}}, in a city's interest and in a survey answer alike); empty or absent means any.
 */
@Schema(name = "PartnerPreferencesRequest")
public record PartnerPreferencesRequest(
        @Size(max = 20) @Schema(example = "[\"Latin America and the Caribbean\"]")
        List<@NotBlank @Size(max = 100) @Pattern(regexp = "[^|]*", message = "must not contain '|'") String> regions,

        @Size(max = 50) @Schema(example = "[\"MX\"]")
        List<@NotNull @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String>
                countries) {

    /** The regions as sent, none when absent. */
    public static List<String> regionsOf(PartnerPreferencesRequest preferences) {
        return preferences == null || preferences.regions() == null ? List.of() : preferences.regions();
    }

    /** The country codes in upper case, none when absent. */
    public static List<String> countriesOf(PartnerPreferencesRequest preferences) {
        return preferences == null || preferences.countries() == null
                ? List.of()
                : preferences.countries().stream()
                        .map(code -> code.toUpperCase(Locale.ROOT))
                        .toList();
    }
}
