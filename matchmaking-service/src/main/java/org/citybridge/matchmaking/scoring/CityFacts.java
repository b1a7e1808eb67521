package org.citybridge.matchmaking.scoring;

import java.util.List;
import java.util.UUID;

/**
 * The profile facts of a city that scoring uses (no personal data).
 *
 * @param worldHeritage names of the city's UNESCO World Heritage sites
 * @param partners      cities it already has partnerships with
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
        List<UUID> partners) {

    public CityFacts {
        worldHeritage = worldHeritage == null ? List.of() : List.copyOf(worldHeritage);
        associations = associations == null ? List.of() : List.copyOf(associations);
        partners = partners == null ? List.of() : List.copyOf(partners);
    }
}
