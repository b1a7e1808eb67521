package org.citybridge.matchmaking.scoring;

import java.util.List;
import java.util.UUID;

/**
 * The profile facts of a city that scoring uses (no personal data).
 *
 * @param worldHeritage names of the city's UNESCO World Heritage sites
 * @param partners      cities it already has partnerships with
 * @param latitude      WGS 84 degrees, null when unknown (as {@code longitude})
 * @param languages     ISO 639-1 codes of its official languages
 */
public record CityFacts(
        UUID cityId,
        String name,
        String country,
        String region,
        String subRegion,
        Long population,
        List<String> worldHeritage,
        List<String> associations,
        List<UUID> partners,
        Double latitude,
        Double longitude,
        List<String> languages) {

    public CityFacts {
        worldHeritage = worldHeritage == null ? List.of() : List.copyOf(worldHeritage);
        associations = associations == null ? List.of() : List.copyOf(associations);
        partners = partners == null ? List.of() : List.copyOf(partners);
        languages = languages == null ? List.of() : List.copyOf(languages);
        if ((latitude == null) != (longitude == null)) {
            throw new IllegalArgumentException("Latitude and longitude come together");
        }
    }

    /** The same facts without the partner list. */
    public CityFacts withoutPartners() {
        return new CityFacts(
                cityId,
                name,
                country,
                region,
                subRegion,
                population,
                worldHeritage,
                associations,
                List.of(),
                latitude,
                longitude,
                languages);
    }

    /** A city whose coordinates and languages are unknown. */
    public CityFacts(
            UUID cityId,
            String name,
            String country,
            String region,
            String subRegion,
            Long population,
            List<String> worldHeritage,
            List<String> associations,
            List<UUID> partners) {
        this(
                cityId,
                name,
                country,
                region,
                subRegion,
                population,
                worldHeritage,
                associations,
                partners,
                null,
                null,
                null);
    }
}
