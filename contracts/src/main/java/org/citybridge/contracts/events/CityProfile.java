package org.citybridge.contracts.events;

import java.util.List;
import java.util.UUID;

/**
 * The public profile of a city as carried by city events: everything a consumer needs to know about
 * the city, and no personal data (officials are never on the wire).
 *
 * @param country     ISO 3166-1 alpha-2 code
 * @param region      UN M49 region, e.g. "Americas"
 * @param subRegion   UN M49 sub-region, e.g. "Latin America and the Caribbean"
 * @param languages   ISO 639-1 codes
 * @param partners    ids of cities this city has formed partnerships with
 */
public record CityProfile(
        UUID cityId,
        String name,
        String localName,
        String country,
        String region,
        String subRegion,
        Long population,
        Double latitude,
        Double longitude,
        List<String> languages,
        String description,
        List<HeritageAsset> heritageAssets,
        List<String> associations,
        List<UUID> partners,
        long version) {

    public CityProfile {
        languages = copy(languages);
        heritageAssets = copy(heritageAssets);
        associations = copy(associations);
        partners = copy(partners);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
