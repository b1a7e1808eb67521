package org.citybridge.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.citybridge.launcher.DemoUsers;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.seed.SeedContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The story the platform was born from, through the public APIs only and with real tokens: the
 * launcher registered the cities and held the December 2020 tourism study course and the February
 * 2022 Mexico City – Luoyang video conference with their surveys; officers state the article's
 * interests; matchmaking proposes Mexico City and Luoyang to each other, with reasons; both officers
 * accept, and each city's profile then lists the other as partner.
 */
class SeedStoryE2ETest {

    private static String cities;
    private static String clusters;
    private static String matchmaking;
    private static SeedContext seed;
    private static UUID mexicoCity;
    private static UUID luoyang;

    @BeforeAll
    static void platform() {
        Platform platform = E2E.platform();
        seed = E2E.seed();
        cities = platform.serviceUrl("cities-service");
        clusters = platform.serviceUrl("clusters-service");
        matchmaking = platform.serviceUrl("matchmaking-service");
        mexicoCity = E2E.mexicoCity();
        luoyang = E2E.luoyang();
    }

    @Test
    void shouldTurnTheArticleIntoAnAgreedSisterCityPartnership() {
        String mexicoOfficer = seed.tokenOf(DemoUsers.OFFICER_MEXICO_CITY);
        String luoyangOfficer = seed.tokenOf(DemoUsers.OFFICER_LUOYANG);

        // the exchanges of the story were held, with both cities taking part
        List<String> heldTogether = RestAssured.given()
                .baseUri(clusters)
                .queryParam("size", 100)
                .get("/api/v1/cities/{id}/exchanges", luoyang)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.findAll { it.status == 'HELD' && it.participantCityIds.contains('" + mexicoCity
                        + "') }.title");
        assertThat(heldTogether).hasSizeGreaterThanOrEqualTo(2);

        // each officer states the article's interests for their own city
        state(luoyangOfficer, luoyang, "tourism", "MUTUAL", "SISTER_CITY", List.of("Latin America and the Caribbean"));
        state(luoyangOfficer, luoyang, "trade", "OFFER", "SISTER_CITY", List.of("Latin America and the Caribbean"));
        state(mexicoOfficer, mexicoCity, "economic-development", "SEEK", "SISTER_CITY", List.of());
        state(mexicoOfficer, mexicoCity, "tourism", "MUTUAL", "SISTER_CITY", List.of());

        // matchmaking proposes them to each other as sister cities, with reasons
        String proposalId = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> sisterCityProposal(mexicoCity, luoyang), id -> id != null);
        assertThat(sisterCityProposal(luoyang, mexicoCity)).isEqualTo(proposalId);
        JsonPath proposal = RestAssured.given()
                .baseUri(matchmaking)
                .get("/api/v1/proposals/{id}", proposalId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(proposal.getDouble("score")).isPositive();
        assertThat(proposal.getList("reasons.code", String.class)).isNotEmpty();
        assertThat(proposal.getList("reasons.text", String.class))
                .allSatisfy(text -> assertThat(text).isNotBlank());

        // a third city's officer may not answer for them; both officers accept
        RestAssured.given()
                .baseUri(matchmaking)
                .auth()
                .oauth2(luoyangOfficer)
                .post("/api/v1/proposals/{id}/accept", proposalId)
                .then()
                .statusCode(200)
                .body("status", equalTo("ACCEPTED_BY_ONE"));
        RestAssured.given()
                .baseUri(matchmaking)
                .auth()
                .oauth2(mexicoOfficer)
                .post("/api/v1/proposals/{id}/accept", proposalId)
                .then()
                .statusCode(200)
                .body("status", equalTo("AGREED"));

        // the partnership reaches cities-service: each profile lists the other
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    RestAssured.given()
                            .baseUri(cities)
                            .get("/api/v1/cities/{id}", mexicoCity)
                            .then()
                            .body("partners.cityId", hasItem(luoyang.toString()));
                    RestAssured.given()
                            .baseUri(cities)
                            .get("/api/v1/cities/{id}", luoyang)
                            .then()
                            .body("partners.cityId", hasItem(mexicoCity.toString()));
                });
        RestAssured.given()
                .baseUri(matchmaking)
                .queryParam("cityId", luoyang)
                .queryParam("size", 100)
                .get("/api/v1/partnerships")
                .then()
                .statusCode(200)
                .body("items.proposalId", hasItem(proposalId));
    }

    private static void state(
            String token, UUID city, String area, String stance, String intent, List<String> regions) {
        RestAssured.given()
                .baseUri(cities)
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "area", area, "stance", stance, "intent", intent, "preferences", Map.of("regions", regions)))
                .post("/api/v1/cities/{id}/interests", city)
                .then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
    }

    /** The id of the sister-city proposal for the partner in the first city's ranking, or null. */
    private static String sisterCityProposal(UUID city, UUID partner) {
        List<Map<String, Object>> ranked = RestAssured.given()
                .baseUri(matchmaking)
                .get("/api/v1/cities/{id}/proposals", city)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("");
        if (ranked == null) {
            return null;
        }
        for (Map<String, Object> entry : ranked) {
            @SuppressWarnings("unchecked")
            Map<String, Object> proposal = (Map<String, Object>) entry.get("proposal");
            if (partner.toString().equals(String.valueOf(entry.get("partnerCityId")))
                    && "SISTER_CITY".equals(proposal.get("kind"))) {
                return (String) proposal.get("id");
            }
        }
        return null;
    }
}
