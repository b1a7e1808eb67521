package org.citybridge.cities;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.InterestExpressed;
import org.citybridge.contracts.events.InterestWithdrawn;
import org.citybridge.contracts.events.Topics;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
class InterestTest {

    @Inject
    ObjectMapper mapper;

    private static Map<String, Object> luoyangSeeksLatinAmerica() {
        return Map.of(
                "area",
                "tourism",
                "stance",
                "MUTUAL",
                "intent",
                "SISTER_CITY",
                "preferences",
                Map.of("regions", List.of("latin america and the caribbean"), "countries", List.of("mx")),
                "note",
                "50th anniversary of China-Mexico diplomatic ties");
    }

    @Test
    void shouldStateAnInterestAndAnnounceItWithEverythingAConsumerNeeds() {
        UUID city = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Luoyang"), "CN"));
        String id = given().contentType(ContentType.JSON)
                .body(luoyangSeeksLatinAmerica())
                .when()
                .post("/api/v1/cities/" + city + "/interests")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/cities/" + city + "/interests/"))
                .body("area", equalTo("tourism"))
                .body("stance", equalTo("MUTUAL"))
                .body("preferences.regions", contains("Latin America and the Caribbean"))
                .body("preferences.countries", contains("MX"))
                .body("source", equalTo("profile"))
                .body("active", equalTo(true))
                .extract()
                .path("id");

        try (TestEvents events = new TestEvents(mapper)) {
            List<ConsumerRecord<String, String>> records = events.read(
                    Topics.CITY_EVENTS,
                    TestEvents.keyed(city).and(TestEvents.ofType(EventType.INTEREST_EXPRESSED)),
                    1,
                    Duration.ofSeconds(30));
            InterestExpressed expressed = events.payload(records.get(0), InterestExpressed.class);
            assertThat(expressed.interestId()).isEqualTo(UUID.fromString(id));
            assertThat(expressed.area()).isEqualTo(CooperationArea.TOURISM);
            assertThat(expressed.stance()).isEqualTo(Stance.MUTUAL);
            assertThat(expressed.intent()).isEqualTo(Intent.SISTER_CITY);
            assertThat(expressed.preferences().regions()).containsExactly("Latin America and the Caribbean");
            assertThat(expressed.source()).isEqualTo("profile");
        }
    }

    @Test
    void shouldUpdateRatherThanDuplicateARestatedInterest() {
        UUID city = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Restate"), "CN"));
        String first = given().contentType(ContentType.JSON)
                .body(luoyangSeeksLatinAmerica())
                .when()
                .post("/api/v1/cities/" + city + "/interests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().contentType(ContentType.JSON)
                .body(Map.of("area", "tourism", "stance", "MUTUAL", "intent", "SISTER_CITY", "note", "restated"))
                .when()
                .post("/api/v1/cities/" + city + "/interests")
                .then()
                .statusCode(200)
                .body("id", equalTo(first))
                .body("note", equalTo("restated"));
        given().when()
                .get("/api/v1/cities/" + city + "/interests")
                .then()
                .body("totalItems", equalTo(1))
                .body("items[0].note", equalTo("restated"));
        // another stance is another interest
        given().contentType(ContentType.JSON)
                .body(Map.of("area", "tourism", "stance", "SEEK", "intent", "SISTER_CITY"))
                .when()
                .post("/api/v1/cities/" + city + "/interests")
                .then()
                .statusCode(201);
        given().when().get("/api/v1/cities/" + city + "/interests").then().body("totalItems", equalTo(2));
    }

    @Test
    void shouldWithdrawOnceAndKeepItInHistory() {
        UUID city = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Withdraw"), "CN"));
        String id = given().contentType(ContentType.JSON)
                .body(luoyangSeeksLatinAmerica())
                .when()
                .post("/api/v1/cities/" + city + "/interests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().when()
                .delete("/api/v1/cities/" + city + "/interests/" + id)
                .then()
                .statusCode(204);
        given().when()
                .delete("/api/v1/cities/" + city + "/interests/" + id)
                .then()
                .statusCode(204);

        given().when().get("/api/v1/cities/" + city + "/interests").then().body("totalItems", equalTo(0));
        given().queryParam("includeWithdrawn", true)
                .when()
                .get("/api/v1/cities/" + city + "/interests")
                .then()
                .body("items.id", contains(id))
                .body("items[0].active", equalTo(false));
        given().when()
                .delete("/api/v1/cities/" + city + "/interests/" + UUID.randomUUID())
                .then()
                .statusCode(404);

        try (TestEvents events = new TestEvents(mapper)) {
            var withdrawn = events.read(
                    Topics.CITY_EVENTS,
                    TestEvents.keyed(city).and(TestEvents.ofType(EventType.INTEREST_WITHDRAWN)),
                    2,
                    Duration.ofSeconds(5));
            assertThat(withdrawn).hasSize(1);
            assertThat(events.payload(withdrawn.get(0), InterestWithdrawn.class).interestId())
                    .isEqualTo(UUID.fromString(id));
        }
    }

    @Test
    void shouldRejectUnknownVocabularyNamingTheValue() {
        UUID city = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Vocabulary"), "CN"));
        given().contentType(ContentType.JSON)
                .body(Map.of("area", "space-tourism", "stance", "OFFER", "intent", "SISTER_CITY"))
                .when()
                .post("/api/v1/cities/" + city + "/interests")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("'space-tourism'"))
                .body("violations.field", hasItem("area"));
        given().contentType(ContentType.JSON)
                .body(Map.of("area", "tourism", "stance", "LEND", "intent", "SISTER_CITY"))
                .when()
                .post("/api/v1/cities/" + city + "/interests")
                .then()
                .statusCode(400)
                .body("detail", containsString("'LEND'"));
        given().contentType(ContentType.JSON)
                .body(Map.of("area", "tourism", "stance", "OFFER"))
                .when()
                .post("/api/v1/cities/" + city + "/interests")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("intent"));
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "area",
                        "tourism",
                        "stance",
                        "OFFER",
                        "intent",
                        "SISTER_CITY",
                        "preferences",
                        Map.of("regions", List.of("Middle Earth"))))
                .when()
                .post("/api/v1/cities/" + city + "/interests")
                .then()
                .statusCode(400)
                .body("detail", containsString("'Middle Earth'"))
                .body("violations.field", hasItem("preferences.regions"));
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "area",
                        "tourism",
                        "stance",
                        "OFFER",
                        "intent",
                        "SISTER_CITY",
                        "preferences",
                        Map.of("countries", List.of("QQ"))))
                .when()
                .post("/api/v1/cities/" + city + "/interests")
                .then()
                .statusCode(400)
                .body("detail", containsString("'QQ'"));
        given().contentType(ContentType.JSON)
                .body(Map.of("area", "tourism", "stance", "OFFER", "intent", "SISTER_CITY", "source", "survey:forged"))
                .when()
                .post("/api/v1/cities/" + city + "/interests")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("source"));
        given().when().get("/api/v1/cities/" + city + "/interests").then().body("totalItems", equalTo(0));
    }

    @Test
    void shouldReplayAnIdempotentInterestPost() {
        UUID city = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Idempotent"), "CN"));
        String key = UUID.randomUUID().toString();
        String first = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(luoyangSeeksLatinAmerica())
                .when()
                .post("/api/v1/cities/" + city + "/interests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(luoyangSeeksLatinAmerica())
                .when()
                .post("/api/v1/cities/" + city + "/interests")
                .then()
                .statusCode(201)
                .body("id", equalTo(first));
        try (TestEvents events = new TestEvents(mapper)) {
            assertThat(events.read(
                            Topics.CITY_EVENTS,
                            TestEvents.keyed(city).and(TestEvents.ofType(EventType.INTEREST_EXPRESSED)),
                            2,
                            Duration.ofSeconds(5)))
                    .as("a replay announces nothing")
                    .hasSize(1);
        }
    }

    @Test
    void shouldAnswer404ForInterestsOfAnUnknownCity() {
        given().when()
                .get("/api/v1/cities/" + UUID.randomUUID() + "/interests")
                .then()
                .statusCode(404);
        given().contentType(ContentType.JSON)
                .body(Map.of("area", "tourism", "stance", "OFFER", "intent", "SISTER_CITY"))
                .when()
                .post("/api/v1/cities/" + UUID.randomUUID() + "/interests")
                .then()
                .statusCode(404);
    }
}
