package org.citybridge.cities.service;

import org.citybridge.cities.domain.Official;
import org.citybridge.contracts.events.HeritageAsset;

import java.util.List;

/**
 * A city profile as registration and replacement write it. Region and sub-region are derived from the
 * country; values arrive as the client sent them and are normalised by {@link CityService}.
 *
 * @param country     ISO 3166-1 alpha-2, any case
 * @param coordinates null when unknown
 * @param officials   with their contact data, which only the directory keeps
 */
public record CityCommand(
        String name,
        String localName,
        String country,
        Long population,
        Coordinates coordinates,
        List<String> languages,
        String description,
        List<HeritageAsset> heritageAssets,
        List<String> associations,
        List<Official> officials) {

    /** WGS 84 coordinates in decimal degrees. */
    public record Coordinates(double latitude, double longitude) {}
}
