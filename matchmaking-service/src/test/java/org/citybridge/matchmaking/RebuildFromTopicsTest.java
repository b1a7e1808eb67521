package org.citybridge.matchmaking;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.citybridge.infra.PostgresServer;
import org.citybridge.testing.TestInfrastructure;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuild from the topics: a fresh database and a new consumer group replay city-events and
 * cluster-events from the beginning, and the seed story's open proposals come out identical (ids,
 * kinds, scores, reasons) to those the live instance computed. Pairs within the story are compared:
 * pairs with cities of other tests may differ because those tests also act through REST (accept,
 * record partnerships), which no topic replays. Numbers are compared to 4 decimals (the API's JSON
 * numbers are read back as floats). Quarkus runs profile tests after the
 * default-profile ones, so the live instance (database {@code matchmaking}) has consumed the story by then.
 */
@QuarkusTest
@TestProfile(RebuildProfile.class)
class RebuildFromTopicsTest {

    @Test
    void shouldRebuildIdenticalProposalsFromTheTopics() throws Exception {
        Map<String, String> live = liveOpenProposals();
        assumeThat(live)
                .as("the live instance consumed the seed story (run with SeedStoryTest)")
                .isNotEmpty();

        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(rebuiltOpenProposals()).isEqualTo(live));
        given().get("/api/v1/cities/{id}/proposals", SeedStory.LUOYANG).then().statusCode(200);
    }

    /** The seed story cities' open proposals in this (rebuilt) instance, by id. */
    private static Map<String, String> rebuiltOpenProposals() {
        Map<String, String> result = new TreeMap<>();
        for (UUID city : SeedStory.cities()) {
            var response = given().get("/api/v1/cities/{id}/proposals", city);
            if (response.statusCode() != 200) {
                return Map.of();
            }
            JsonPath json = response.jsonPath();
            List<Map<String, Object>> proposals = json.getList("proposal");
            for (Map<String, Object> p : proposals) {
                if (!SeedStory.cities().contains(UUID.fromString((String) p.get("cityA")))
                        || !SeedStory.cities().contains(UUID.fromString((String) p.get("cityB")))) {
                    continue;
                }
                result.put(
                        (String) p.get("id"),
                        describe(
                                (String) p.get("kind"),
                                (String) p.get("area"),
                                ((Number) p.get("score")).doubleValue(),
                                String.valueOf(p.get("status")),
                                reasonCodes(p)));
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static String reasonCodes(Map<String, Object> proposal) {
        List<String> texts = new ArrayList<>();
        for (Map<String, Object> reason : (List<Map<String, Object>>) proposal.get("reasons")) {
            texts.add(reason.get("text") + "="
                    + String.format(
                            java.util.Locale.ROOT, "%.4f", ((Number) reason.get("contribution")).doubleValue()));
        }
        return String.join("|", texts);
    }

    private static String describe(String kind, String area, double score, String status, String reasons) {
        return kind + "/" + area + "/" + String.format(java.util.Locale.ROOT, "%.4f", score) + "/" + status + "/"
                + reasons;
    }

    /** The same, read straight from the live instance's database. */
    private static Map<String, String> liveOpenProposals() throws Exception {
        Map<String, String> result = new TreeMap<>();
        String url = ConfigProvider.getConfig().getValue("citybridge.test.live-jdbc-url", String.class);
        PostgresServer.Credentials superuser = TestInfrastructure.postgres().superuser();
        try (Connection connection = DriverManager.getConnection(url, superuser.user(), superuser.password());
                var tables = connection.getMetaData().getTables(null, null, "mm_proposal", null)) {
            if (!tables.next()) {
                return result; // the live instance never ran in this JVM
            }
        }
        try (Connection connection = DriverManager.getConnection(url, superuser.user(), superuser.password());
                PreparedStatement statement = connection.prepareStatement("""
                     select id, kind, area, score, status, reasons from mm_proposal
                     where status in ('PROPOSED', 'ACCEPTED_BY_ONE') and city_a = any (?) and city_b = any (?)""")) {
            Object[] ids = SeedStory.cities().toArray();
            statement.setArray(1, connection.createArrayOf("uuid", ids));
            statement.setArray(2, connection.createArrayOf("uuid", ids));
            try (ResultSet rs = statement.executeQuery()) {
                com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
                while (rs.next()) {
                    List<Map<String, Object>> reasons = mapper.readValue(rs.getString("reasons"), List.class);
                    result.put(
                            rs.getString("id"),
                            describe(
                                    rs.getString("kind"),
                                    rs.getString("area"),
                                    rs.getDouble("score"),
                                    rs.getString("status"),
                                    reasonCodes(Map.of("reasons", reasons))));
                }
            }
        }
        return result;
    }
}
