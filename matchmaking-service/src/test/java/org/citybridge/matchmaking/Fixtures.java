package org.citybridge.matchmaking;

import io.restassured.RestAssured;
import org.citybridge.contracts.events.CityProfile;
import org.citybridge.contracts.events.HeritageAsset;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** More helpers for this module's tests: profiles with every scoring input, and reading reasons. */
final class Fixtures {

    private Fixtures() {}

    /** A unique city name, so data of different tests and runs never meet. */
    static String name(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A city with every scoring input, in the UN M49 region and sub-region of its country (MX, BR, PE: Latin
     * America and the Caribbean; CN: Eastern Asia; IN: Southern Asia; KE: Sub-Saharan Africa; FR: Western
     * Europe; any other: "Elsewhere").
     */
    static CityProfile profile(
            UUID id,
            String name,
            String country,
            long population,
            List<HeritageAsset> heritage,
            List<String> associations,
            List<UUID> partners,
            long version) {
        String[] region = switch (country) {
            case "MX", "BR", "PE" -> new String[] {"Americas", Scenario.LATAM};
            case "CN" -> new String[] {"Asia", "Eastern Asia"};
            case "IN" -> new String[] {"Asia", "Southern Asia"};
            case "KE" -> new String[] {"Africa", "Sub-Saharan Africa"};
            case "FR" -> new String[] {"Europe", "Western Europe"};
            default -> new String[] {"Elsewhere", "Elsewhere"};
        };
        return profile(id, name, country, region[0], region[1], population, heritage, associations, partners, version);
    }

    /** A city in the given region, with every scoring input: the one place profiles are built. */
    static CityProfile profile(
            UUID id,
            String name,
            String country,
            String region,
            String subRegion,
            long population,
            List<HeritageAsset> heritage,
            List<String> associations,
            List<UUID> partners,
            long version) {
        return new CityProfile(
                id,
                name,
                null,
                country,
                region,
                subRegion,
                population,
                null,
                null,
                List.of(),
                null,
                heritage,
                associations,
                partners,
                version);
    }

    /** A city in a country, with its UN M49 region and sub-region, and a population. */
    static CityProfile place(UUID id, String name, String country, long population) {
        return place(id, name, country, population, 1);
    }

    /** The same, in a given version of the profile (a CityUpdated carries a later one). */
    static CityProfile place(UUID id, String name, String country, long population, long version) {
        return profile(id, name, country, population, List.of(), List.of(), List.of(), version);
    }

    /** The reasons of a proposal (as the API returns it) with one code. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> reasons(Map<String, Object> proposal, String code) {
        return ((List<Map<String, Object>>) proposal.get("reasons"))
                .stream().filter(r -> code.equals(r.get("code"))).toList();
    }

    @SuppressWarnings("unchecked")
    static List<String> codes(Map<String, Object> proposal) {
        return ((List<Map<String, Object>>) proposal.get("reasons"))
                .stream().map(r -> (String) r.get("code")).toList();
    }

    static double contribution(Map<String, Object> reason) {
        return ((Number) reason.get("contribution")).doubleValue();
    }

    static double score(Map<String, Object> proposal) {
        return ((Number) proposal.get("score")).doubleValue();
    }

    /** The open proposal of two cities, if the API lists one now. */
    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> openProposal(UUID city, UUID partner) {
        var response = RestAssured.given().get("/api/v1/cities/{id}/proposals", city);
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        List<Map<String, Object>> list = response.jsonPath().getList("$");
        return list.stream()
                .filter(e -> partner.toString().equals(e.get("partnerCityId")))
                .map(e -> (Map<String, Object>) e.get("proposal"))
                .findFirst();
    }
}
