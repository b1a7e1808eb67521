package org.citybridge.cities;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citybridge.contracts.events.CityRegistered;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.Topics;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.Concurrently;
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
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
class CityRegistrationTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void shouldRegisterACityWithDerivedRegionLocationAndETag() {
        String name = Fixtures.unique("Luoyang");
        var response = given().contentType(ContentType.JSON)
                .body(Fixtures.cityBody(name, "cn"))
                .when()
                .post("/api/v1/cities")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/cities/"))
                .header("ETag", equalTo("\"0\""))
                .body("name", equalTo(name))
                .body("country", equalTo("CN"))
                .body("region", equalTo("Asia"))
                .body("subRegion", equalTo("Eastern Asia"))
                .body("heritageAssets[0].name", equalTo("Longmen Grottoes"))
                .body("heritageAssets[0].inscribedYear", equalTo(2000))
                .body("retired", equalTo(false))
                .body("version", equalTo(0))
                .body("createdAt", notNullValue())
                .extract();
        String id = response.path("id");
        assertThat(response.header("Location")).endsWith("/api/v1/cities/" + id);

        Fixtures.get(UUID.fromString(id))
                .statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("name", equalTo(name))
                .body("coordinates.latitude", equalTo(34.6197f));
    }

    @Test
    void shouldRoundTripLocalNamesInAnyScriptExactly() {
        for (String localName : List.of("洛阳", "Ciudad de México", "القاهرة", "Москва", "São Paulo ✓")) {
            Map<String, Object> body = Fixtures.cityBody(Fixtures.unique("Script city"), "MX");
            body.put("localName", localName);
            UUID id = Fixtures.register(body);
            Fixtures.get(id).body("localName", equalTo(localName));
            given().queryParam("q", localName)
                    .queryParam("size", 100)
                    .when()
                    .get("/api/v1/cities")
                    .then()
                    .statusCode(200)
                    .body("items.id", org.hamcrest.Matchers.hasItem(id.toString()));
        }
    }

    @Test
    void shouldRejectADuplicateNameInTheSameCountryWithConflict() {
        String name = Fixtures.unique("Puebla");
        Fixtures.register(Fixtures.cityBody(name, "MX"));
        given().contentType(ContentType.JSON)
                .body(Fixtures.cityBody(name.toUpperCase(), "MX"))
                .when()
                .post("/api/v1/cities")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", containsString("already exists in MX"));
        // the same name in another country is another city
        Fixtures.register(Fixtures.cityBody(name, "ES"));
    }

    @Test
    void shouldReplayAnIdempotentPostWithoutCreatingAnything() {
        String name = Fixtures.unique("Oaxaca");
        String key = UUID.randomUUID().toString();
        var first = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(Fixtures.cityBody(name, "MX"))
                .when()
                .post("/api/v1/cities")
                .then()
                .statusCode(201)
                .extract();
        var replay = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(Fixtures.cityBody(name, "MX"))
                .when()
                .post("/api/v1/cities")
                .then()
                .statusCode(201)
                .extract();

        assertThat(replay.<String>path("id")).isEqualTo(first.path("id"));
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(replay.header("ETag")).isEqualTo(first.header("ETag"));
        given().queryParam("q", name).when().get("/api/v1/cities").then().body("totalItems", equalTo(1));

        // the same key for another request is refused
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(Fixtures.cityBody(Fixtures.unique("Other"), "MX"))
                .when()
                .post("/api/v1/cities")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString(key));
    }

    @Test
    void shouldCreateOneCityForManyConcurrentPostsWithTheSameIdempotencyKey() throws Exception {
        String name = Fixtures.unique("Concurrent Oaxaca");
        String key = UUID.randomUUID().toString();
        List<String> ids = Concurrently.run(
                20,
                i -> given().contentType(ContentType.JSON)
                        .header("Idempotency-Key", key)
                        .body(Fixtures.cityBody(name, "MX"))
                        .when()
                        .post("/api/v1/cities")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"));
        assertThat(ids).containsOnly(ids.get(0));
        given().queryParam("q", name).when().get("/api/v1/cities").then().body("totalItems", equalTo(1));
    }

    @Test
    void shouldAnnounceARegistrationOnceAsACloudEventWithoutPersonalData() {
        UUID id = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Xi'an"), "CN"));
        try (TestEvents events = new TestEvents(mapper)) {
            List<ConsumerRecord<String, String>> records = events.read(
                    Topics.CITY_EVENTS,
                    TestEvents.keyed(id).and(TestEvents.ofType(EventType.CITY_REGISTERED)),
                    1,
                    Duration.ofSeconds(30));
            assertThat(records).hasSize(1);
            ConsumerRecord<String, String> record = records.get(0);
            CloudEventHeaders headers = CloudEventHeaders.fromHeaders(TestEvents.headers(record));
            assertThat(headers.source()).isEqualTo("/citybridge/cities-service");
            assertThat(headers.subject()).isEqualTo(id.toString());
            assertThat(record.value()).doesNotContain("bai@example.org").doesNotContain("+86 379");

            CityRegistered payload = events.payload(record, CityRegistered.class);
            assertThat(payload.city().cityId()).isEqualTo(id);
            assertThat(payload.city().localName()).isEqualTo("洛阳");
            assertThat(payload.city().subRegion()).isEqualTo("Eastern Asia");
            assertThat(payload.city().heritageAssets())
                    .extracting(h -> h.name())
                    .containsExactly("Longmen Grottoes");
        }
    }

    @Test
    void shouldRetireACityKeepingItForHistory() {
        String name = Fixtures.unique("Tlacotalpan");
        UUID id = Fixtures.register(Fixtures.cityBody(name, "MX"));
        given().when().delete("/api/v1/cities/" + id).then().statusCode(204);
        given().when().delete("/api/v1/cities/" + id).then().statusCode(204);

        Fixtures.get(id).statusCode(200).body("retired", equalTo(true));
        given().queryParam("q", name).when().get("/api/v1/cities").then().body("totalItems", equalTo(0));
        given().queryParam("q", name)
                .queryParam("retired", "true")
                .when()
                .get("/api/v1/cities")
                .then()
                .body("items.id", contains(id.toString()));
        given().when()
                .delete("/api/v1/cities/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        try (TestEvents events = new TestEvents(mapper)) {
            assertThat(events.read(
                            Topics.CITY_EVENTS,
                            TestEvents.keyed(id).and(TestEvents.ofType(EventType.CITY_RETIRED)),
                            2,
                            Duration.ofSeconds(5)))
                    .as("retiring twice announces once")
                    .hasSize(1);
        }
    }

    @Test
    void shouldAnswer404ProblemForAnUnknownCity() {
        Fixtures.get(UUID.randomUUID())
                .statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Not found"))
                .body("instance", containsString("/api/v1/cities/"));
    }
}
