package org.citybridge.cities.service;

import org.citybridge.cities.domain.City;
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

    /** The city's current profile as a command, officials included. */
    static CityCommand of(City city) {
        return new CityCommand(
                city.name,
                city.localName,
                city.country,
                city.population,
                city.latitude == null ? null : new Coordinates(city.latitude, city.longitude),
                city.languages,
                city.description,
                city.heritageAssets,
                city.associations,
                city.officials);
    }

    /**
     * This profile laid over the city's current one: what this one leaves out (null) stays as it is, and so
     * does the name's spelling when this one differs only in case (it is how an import found the city).
     */
    CityCommand over(City current) {
        CityCommand base = of(current);
        return new CityCommand(
                name == null || name.strip().equalsIgnoreCase(base.name) ? base.name : name,
                or(localName, base.localName),
                or(country, base.country),
                or(population, base.population),
                or(coordinates, base.coordinates),
                or(languages, base.languages),
                or(description, base.description),
                or(heritageAssets, base.heritageAssets),
                or(associations, base.associations),
                or(officials, base.officials));
    }

    private static <T> T or(T given, T current) {
        return given != null ? given : current;
    }
}
