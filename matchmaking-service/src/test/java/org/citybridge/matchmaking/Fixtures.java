package org.citybridge.matchmaking;

import io.restassured.RestAssured;
import org.citybridge.contracts.events.CityProfile;
import org.citybridge.contracts.events.HeritageAsset;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

import static org.awaitility.Awaitility.await;

/**
 * More helpers for this module's tests: profiles with every scoring input, reading reasons, and a
 * probe that an event was consumed (its id is in the inbox), for asserting that something did
 * <em>not</em> happen only after the service has seen the events that could have caused it.
 */
final class Fixtures {

    private Fixtures() {}

    /** A unique city name, so data of different tests and runs never meet. */
    static String name(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    static CityProfile profile(
            UUID id,
            String name,
            String country,
            String region,
            String subRegion,
            Long population,
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
        String[] region = switch (country) {
            case "MX", "BR", "PE" -> new String[] {"Americas", Scenario.LATAM};
            case "CN" -> new String[] {"Asia", "Eastern Asia"};
            case "IN" -> new String[] {"Asia", "Southern Asia"};
            case "KE" -> new String[] {"Africa", "Sub-Saharan Africa"};
            case "FR" -> new String[] {"Europe", "Western Europe"};
            default -> new String[] {"Elsewhere", "Elsewhere"};
        };
        return profile(id, name, country, region[0], region[1], population, List.of(), List.of(), List.of(), 1);
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

    /** Waits until the service has processed every one of these events (their ids are in its inbox). */
    static void awaitConsumed(DataSource dataSource, String... eventIds) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    try (Connection connection = dataSource.getConnection();
                            PreparedStatement statement = connection.prepareStatement(
                                    "select count(*) from processed_event where event_id = any (?)")) {
                        statement.setArray(1, connection.createArrayOf("varchar", eventIds));
                        try (ResultSet rs = statement.executeQuery()) {
                            rs.next();
                            return rs.getInt(1) == eventIds.length;
                        }
                    } catch (SQLException e) {
                        return false;
                    }
                });
    }
}
