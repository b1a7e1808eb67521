package org.citybridge.cities.service;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;

import java.util.List;

/**
 * An interest a city states on its profile.
 *
 * @param preferredRegions   UN M49 regions or sub-regions, any spelling case; null or empty means any
 * @param preferredCountries ISO 3166-1 alpha-2 codes, any case; null or empty means any
 */
public record InterestCommand(
        CooperationArea area,
        Stance stance,
        Intent intent,
        List<String> preferredRegions,
        List<String> preferredCountries,
        String note) {}
