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
import org.citybridge.testing.JsonApi;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

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

    @Inject
    DataSource dataSource;

    private static String interests(UUID city) {
        return "/api/v1/cities/" + city + "/interests";
    }

    /** An interest's body: its area, stance and intent, then further fields as pairs of name and value. */
    private static Map<String, Object> interest(String area, String stance, String intent, Object... more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("area", area);
        body.put("stance", stance);
        body.put("intent", intent);
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    private static Map<String, Object> luoyangSeeksLatinAmerica() {
        return interest(
                "tourism",
                "MUTUAL",
                "SISTER_CITY",
                "preferences",
                Map.of("regions", List.of("latin america and the caribbean"), "countries", List.of("mx")),
                "note",
                "50th anniversary of China-Mexico diplomatic ties");
    }

    @Test
    void shouldStateAnInterestAndAnnounceItWithEverythingAConsumerNeeds() {
        UUID city = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Luoyang"), "CN"));
        String id = JsonApi.post(interests(city), luoyangSeeksLatinAmerica())
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
            List<ConsumerRecord<String, String>> records =
                    events.read(Topics.CITY_EVENTS, city, EventType.INTEREST_EXPRESSED, 1, Duration.ofSeconds(30));
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
        String first = JsonApi.createdId(JsonApi.post(interests(city), luoyangSeeksLatinAmerica()));
        JsonApi.post(interests(city), interest("tourism", "MUTUAL", "SISTER_CITY", "note", "restated"))
                .statusCode(200)
                .body("id", equalTo(first))
                .body("note", equalTo("restated"));
        JsonApi.get(interests(city)).body("totalItems", equalTo(1)).body("items[0].note", equalTo("restated"));
        // another stance is another interest
        JsonApi.post(interests(city), interest("tourism", "SEEK", "SISTER_CITY"))
                .statusCode(201);
        JsonApi.get(interests(city)).body("totalItems", equalTo(2));
    }

    @Test
    void shouldChangeAndAnnounceNothingWhenAnInterestIsRestatedAsItStands() {
        UUID city = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Unchanged"), "CN"));
        String expressedAt = JsonApi.post(interests(city), luoyangSeeksLatinAmerica())
                .statusCode(201)
                .extract()
                .path("expressedAt");
        for (int i = 0; i < 3; i++) {
            // each with a new Idempotency-Key: a new request, but not a new fact
            given().contentType(ContentType.JSON)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(luoyangSeeksLatinAmerica())
                    .post(interests(city))
                    .then()
                    .statusCode(200)
                    .body("expressedAt", equalTo(expressedAt));
        }
        assertThat(interestEventsInOutbox(city)).isEqualTo(1);
        JsonApi.post(interests(city), interest("tourism", "MUTUAL", "SISTER_CITY", "note", "now it changes"))
                .statusCode(200);
        assertThat(interestEventsInOutbox(city)).isEqualTo(2);
    }

    /** InterestExpressed events the city's changes put in the outbox (written in the same transaction). */
    private long interestEventsInOutbox(UUID city) {
        return OutboxRows.column(
                        dataSource,
                        "select event_id from outbox_event where record_key = any (?) and type = '"
                                + EventType.INTEREST_EXPRESSED.ceType() + "'",
                        List.of(city.toString()))
                .size();
    }

    @Test
    void shouldWithdrawOnceAndKeepItInHistory() {
        UUID city = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Withdraw"), "CN"));
        String id = JsonApi.createdId(JsonApi.post(interests(city), luoyangSeeksLatinAmerica()));
        JsonApi.delete("/api/v1/cities/" + city + "/interests/" + id).statusCode(204);
        JsonApi.delete("/api/v1/cities/" + city + "/interests/" + id).statusCode(204);

        JsonApi.get(interests(city)).body("totalItems", equalTo(0));
        JsonApi.get(interests(city), Map.of("includeWithdrawn", true))
                .body("items.id", contains(id))
                .body("items[0].active", equalTo(false));
        JsonApi.delete("/api/v1/cities/" + city + "/interests/" + UUID.randomUUID())
                .statusCode(404);

        try (TestEvents events = new TestEvents(mapper)) {
            var withdrawn =
                    events.read(Topics.CITY_EVENTS, city, EventType.INTEREST_WITHDRAWN, 2, Duration.ofSeconds(5));
            assertThat(withdrawn).hasSize(1);
            assertThat(events.payload(withdrawn.get(0), InterestWithdrawn.class).interestId())
                    .isEqualTo(UUID.fromString(id));
        }
    }

    @Test
    void shouldRejectUnknownVocabularyNamingTheValue() {
        UUID city = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Vocabulary"), "CN"));
        JsonApi.post(interests(city), interest("space-tourism", "OFFER", "SISTER_CITY"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("'space-tourism'"))
                .body("violations.field", hasItem("area"));
        JsonApi.postRefused(interests(city), interest("tourism", "LEND", "SISTER_CITY"), 400, "'LEND'");
        JsonApi.post(interests(city), Map.of("area", "tourism", "stance", "OFFER"))
                .statusCode(400)
                .body("violations.field", hasItem("intent"));
        JsonApi.post(
                        interests(city),
                        interest(
                                "tourism",
                                "OFFER",
                                "SISTER_CITY",
                                "preferences",
                                Map.of("regions", List.of("Middle Earth"))))
                .statusCode(400)
                .body("detail", containsString("'Middle Earth'"))
                .body("violations.field", hasItem("preferences.regions"));
        JsonApi.postRefused(
                interests(city),
                interest("tourism", "OFFER", "SISTER_CITY", "preferences", Map.of("countries", List.of("QQ"))),
                400,
                "'QQ'");
        JsonApi.post(interests(city), interest("tourism", "OFFER", "SISTER_CITY", "source", "survey:forged"))
                .statusCode(400)
                .body("violations.field", hasItem("source"));
        JsonApi.get(interests(city)).body("totalItems", equalTo(0));
    }

    @Test
    void shouldAnswer404ForInterestsOfAnUnknownCity() {
        JsonApi.get("/api/v1/cities/" + UUID.randomUUID() + "/interests").statusCode(404);
        JsonApi.post("/api/v1/cities/" + UUID.randomUUID() + "/interests", interest("tourism", "OFFER", "SISTER_CITY"))
                .statusCode(404);
    }

    @Test
    void shouldReplayAnIdempotentInterestPost() {
        UUID city = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Idempotent"), "CN"));
        String key = UUID.randomUUID().toString();
        String first = JsonApi.createdId(JsonApi.postIdempotent(interests(city), key, luoyangSeeksLatinAmerica()));
        JsonApi.postIdempotent(interests(city), key, luoyangSeeksLatinAmerica())
                .statusCode(201)
                .body("id", equalTo(first));
        try (TestEvents events = new TestEvents(mapper)) {
            assertThat(events.read(Topics.CITY_EVENTS, city, EventType.INTEREST_EXPRESSED, 2, Duration.ofSeconds(5)))
                    .as("a replay announces nothing")
                    .hasSize(1);
        }
    }
}
