package org.citybridge.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * Which partners an interest prefers; empty lists mean "any".
 *
 * @param regions   UN M49 region or sub-region names, e.g. "Latin America and the Caribbean"
 * @param countries ISO 3166-1 alpha-2 codes
 */
public record PartnerPreferences(List<String> regions, List<String> countries) {

    public static final PartnerPreferences NONE = new PartnerPreferences(List.of(), List.of());

    public PartnerPreferences {
        regions = regions == null ? List.of() : List.copyOf(regions);
        countries = countries == null ? List.of() : List.copyOf(countries);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return regions.isEmpty() && countries.isEmpty();
    }
}
