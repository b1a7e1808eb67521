package org.citybridge.matchmaking.scoring;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;

import java.util.List;
import java.util.UUID;

/**
 * One active interest of a city, as the scoring core sees it.
 *
 * @param preferredRegions   UN M49 region or sub-region names; empty = any
 * @param preferredCountries ISO 3166-1 alpha-2 codes; empty = any
 */
public record InterestFacts(
        UUID interestId,
        CooperationArea area,
        Stance stance,
        Intent intent,
        List<String> preferredRegions,
        List<String> preferredCountries) {

    public InterestFacts {
        preferredRegions = preferredRegions == null ? List.of() : List.copyOf(preferredRegions);
        preferredCountries = preferredCountries == null ? List.of() : List.copyOf(preferredCountries);
    }

    public boolean hasPreferences() {
        return !preferredRegions.isEmpty() || !preferredCountries.isEmpty();
    }
}
