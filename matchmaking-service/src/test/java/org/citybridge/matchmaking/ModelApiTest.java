package org.citybridge.matchmaking;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citybridge.contracts.events.CityProfile;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.ModelActivated;
import org.citybridge.contracts.events.Topics;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The model's life through the admin API, on an instance of its own (activating a model re-scores every
 * pair): version 1 is the configuration's; a fit with too little history fails as a job; with a history
 * where partners are neighbours, a fit learns proximity, evaluates it better than the configuration and
 * stores it inactive; activating it (If-Match) announces ModelActivated and re-ranks every city as a job,
 * after which the proposals carry the new reasons.
 */
@QuarkusTest
@TestProfile(IsolatedInstanceProfile.class)
class ModelApiTest {

    /** Places far apart (thousands of kilometres); each holds a group of neighbouring cities. */
    private static final int GROUPS = 12;

    private static final String[] COUNTRIES = {"KE", "TZ", "UG", "GH", "NG", "SN", "ZA", "ZM", "ET", "MZ"};

    @Inject
    EventFeed feed;

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldFitActivateAndReRankEveryCityWithoutARestart() {
        given().get("/api/v1/admin/model/versions/1")
                .then()
                .statusCode(200)
                .body("source", equalTo("CONFIGURATION"))
                .body("weights.complementary", equalTo(3.0f))
                .body("weights.proximity", equalTo(0.0f));

        int versions = versionCount();
        JsonPath tooEarly = Scenario.awaitJobEnd(startFit());
        assertThat(tooEarly.getString("state")).isEqualTo("FAILED");
        assertThat(tooEarly.getString("error")).contains("Too little history");
        assertThat(versionCount()).isEqualTo(versions);

        UUID[][] groups = neighbourhoods();
        int fitted = (Integer) Scenario.awaitJob(startFit()).get("version");
        assertThat(fitted).isEqualTo(versions + 1);

        JsonPath fit = given().get("/api/v1/admin/model/versions/{v}", fitted)
                .then()
                .statusCode(200)
                .body("source", equalTo("FIT"))
                .body("active", equalTo(false))
                .body("report.fittedFrom", equalTo(1))
                .body("version", equalTo(fitted))
                .body("report.recordedPartnerships", equalTo(GROUPS * 4))
                .extract()
                .jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        assertThat(fit.getList("report.learnedFeatures", String.class)).contains("proximity", "network");
        assertThat(fit.getDouble("weights.proximity"))
                .as("learned from neighbours")
                .isPositive();
        assertThat(fit.getInt("report.evaluation.pairs")).isPositive();
        assertThat(fit.getInt("report.search.pairs"))
                .as("the search for recall@10 measured on the learning cities' partners")
                .isPositive();
        assertThat(fit.getList("report.searchedFeatures", String.class))
                .isSubsetOf(fit.getList("report.learnedFeatures", String.class));
        assertThat(fit.getDouble("report.evaluation.fitted.recallAt10"))
                .as("held-out partners found by the fitted weights, against the configuration's")
                .isGreaterThan(fit.getDouble("report.evaluation.current.recallAt10"));

        // fitted, not active: the configuration still scores
        String etag = given().get("/api/v1/admin/model")
                .then()
                .statusCode(200)
                .body("version", equalTo(1))
                .extract()
                .header("ETag");

        String job = given().contentType("application/json")
                .header("If-Match", etag)
                .body(Map.of("version", fitted))
                .put("/api/v1/admin/model")
                .then()
                .statusCode(202)
                .header("Location", containsString("/api/v1/jobs/"))
                .body("kind", equalTo("model-activation"))
                .extract()
                .header("Location");
        Map<String, Object> reranked = Scenario.awaitJob(job);
        assertThat(((Number) reranked.get("cities")).intValue()).isGreaterThanOrEqualTo(GROUPS * 5);
        assertThat(((Number) reranked.get("changedPairs")).intValue()).isPositive();

        given().get("/api/v1/admin/model")
                .then()
                .statusCode(200)
                .body("version", equalTo(fitted))
                .body("active", equalTo(true))
                .body("activatedAt", notNullValue());
        given().get("/api/v1/admin/model/versions/1").then().statusCode(200).body("active", equalTo(false));

        try (TestEvents events = feed.events()) {
            List<ConsumerRecord<String, String>> announced = events.read(
                    Topics.MATCHMAKING_EVENTS,
                    ModelActivated.MODEL_ID,
                    EventType.MODEL_ACTIVATED,
                    1,
                    Duration.ofSeconds(30));
            assertThat(announced).hasSize(1);
            ModelActivated activated = events.payload(announced.get(0), ModelActivated.class);
            assertThat(activated.version()).isEqualTo(fitted);
            assertThat(activated.source()).isEqualTo("FIT");
            assertThat(activated.weights()).isEqualTo(fit.getMap("weights", String.class, Double.class));
        }

        // A seeker's best match is now the city next door that offers what it seeks, for that reason
        UUID seeker = groups[0][0];
        UUID neighbour = groups[0][4];
        Map<String, Object> best = Scenario.cityProposals(seeker).getMap("[0]");
        assertThat(best.get("partnerCityId")).isEqualTo(neighbour.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> proposal = (Map<String, Object>) best.get("proposal");
        assertThat(Fixtures.reasons(proposal, "proximity"))
                .singleElement()
                .satisfies(reason -> assertThat(Fixtures.contribution(reason)).isPositive())
                .satisfies(reason -> assertThat((String) reason.get("text")).contains("km apart"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldActivateOnlyAnExistingOtherVersionAgainstTheCurrentETag() {
        JsonPath active = given().get("/api/v1/admin/model")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String etag = given().get("/api/v1/admin/model").then().extract().header("ETag");
        int current = active.getInt("version");

        activate(null, Map.of("version", current)).statusCode(428).contentType("application/problem+json");
        activate("\"999\"", Map.of("version", current)).statusCode(412).contentType("application/problem+json");
        activate(etag, Map.of("version", 999)).statusCode(404).contentType("application/problem+json");
        activate(etag, Map.of("version", current)).statusCode(409).contentType("application/problem+json");
        activate(etag, Map.of("version", 0))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.hasItem(containsString("version")));
        activate(etag, Map.of()).statusCode(400).contentType("application/problem+json");

        given().get("/api/v1/admin/model").then().statusCode(200).body("version", equalTo(current));
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldStoreWeightsSetByHandAsAnInactiveVersion() {
        JsonPath active = given().get("/api/v1/admin/model")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        int versions = versionCount();
        for (Map<String, Object> invalid : List.<Map<String, Object>>of(
                Map.of("weights", Map.of("nope", 1.0)),
                Map.of("weights", Map.of("proximity", -0.5)),
                Map.of("weights", Map.of()),
                Map.of("note", "no weights"))) {
            given().contentType("application/json")
                    .body(invalid)
                    .post("/api/v1/admin/model/versions")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", org.hamcrest.Matchers.hasItem(containsString("weights")));
        }
        assertThat(versionCount()).as("nothing stored from bad input").isEqualTo(versions);

        String location = given().contentType("application/json")
                .body(Map.of("weights", Map.of("proximity", 1.5, "activity", 0.25), "note", "Regional pilot"))
                .post("/api/v1/admin/model/versions")
                .then()
                .statusCode(201)
                .body("source", equalTo("MANUAL"))
                .body("active", equalTo(false))
                .body("weights.proximity", equalTo(1.5f))
                .body("weights.activity", equalTo(0.25f))
                .body("weights.complementary", equalTo(active.getFloat("weights.complementary")))
                .body("report.basedOn", equalTo(active.getInt("version")))
                .body("report.note", equalTo("Regional pilot"))
                .extract()
                .header("Location");
        assertThat(location).endsWith("/api/v1/admin/model/versions/" + (versions + 1));
        given().get("/api/v1/admin/model").then().body("version", equalTo(active.getInt("version")));
    }

    @Test
    @TestSecurity(user = "officer", roles = "city-officer")
    void shouldKeepTheModelToProgrammeStaff() {
        given().get("/api/v1/admin/model").then().statusCode(403).contentType("application/problem+json");
        given().get("/api/v1/admin/model/versions").then().statusCode(403);
        given().post("/api/v1/admin/model/fits").then().statusCode(403);
        given().contentType("application/json")
                .body(Map.of("weights", Map.of("proximity", 1.0)))
                .post("/api/v1/admin/model/versions")
                .then()
                .statusCode(403);
        activate("\"0\"", Map.of("version", 1)).statusCode(403);
    }

    @Test
    void shouldRequireATokenForTheModel() {
        given().get("/api/v1/admin/model").then().statusCode(401);
        given().post("/api/v1/admin/model/fits").then().statusCode(401);
    }

    private static int versionCount() {
        return given().get("/api/v1/admin/model/versions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$")
                .size();
    }

    private static String startFit() {
        return given().post("/api/v1/admin/model/fits")
                .then()
                .statusCode(202)
                .header("Location", containsString("/api/v1/jobs/"))
                .body("kind", equalTo("model-fit"))
                .extract()
                .header("Location");
    }

    private static io.restassured.response.ValidatableResponse activate(String ifMatch, Map<String, Object> body) {
        var request = given().contentType("application/json").body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.put("/api/v1/admin/model").then();
    }

    /**
     * GROUPS places, each with five neighbouring cities of five countries: seekers of culture (0, 2) and
     * offerers (1, 3, 4). Cities 0 to 3 twin in a ring (0–1, 1–2, 2–3, 3–0), so the two cities of a pair a
     * fit holds out share no partner: only their distance tells them apart from the other cities. City 4
     * has no partner yet.
     */
    private UUID[][] neighbourhoods() {
        UUID[][] groups = new UUID[GROUPS][5];
        List<EventPayload> events = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            double lat = -40 + (g % 4) * 25;
            double lng = -150 + g * 25;
            for (int k = 0; k < 5; k++) {
                UUID id = UUID.nameUUIDFromBytes(("model-api-" + g + "-" + k).getBytes(StandardCharsets.UTF_8));
                groups[g][k] = id;
                events.add(Scenario.registered(new CityProfile(
                        id,
                        Fixtures.name("Neighbour " + g + "." + k),
                        null,
                        COUNTRIES[(g + k) % COUNTRIES.length],
                        "Africa",
                        "Sub-Saharan Africa",
                        500_000L,
                        lat + k * 0.05,
                        lng + k * 0.05,
                        List.of(),
                        null,
                        List.of(),
                        List.of(),
                        List.of(),
                        1)));
                Stance stance = k % 2 == 0 && k < 4 ? Stance.SEEK : Stance.OFFER;
                events.add(Scenario.interest(id, CooperationArea.CULTURE, stance, Intent.SISTER_CITY));
            }
        }
        feed.publishAndAwait(events);
        for (UUID[] group : groups) {
            for (int k = 0; k < 4; k++) {
                Scenario.recordPartnership(Scenario.partnership(
                                group[k], group[(k + 1) % 4], "SISTER_CITY", "2001-05-01", "Twinning records"))
                        .statusCode(201);
            }
        }
        return groups;
    }
}
