package org.citybridge.cities.service;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;

/**
 * Filters of the city list; null means "any".
 *
 * @param text    free text matched against the name and the local name
 * @param retired false (default) lists active cities, true retired ones
 */
public record CityQuery(
        String country,
        String region,
        CooperationArea area,
        Stance stance,
        Intent intent,
        String text,
        boolean retired) {}
