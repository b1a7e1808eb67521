package org.citybridge.cities;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citybridge.contracts.events.CityRegistered;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.Topics;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.Concurrently;
import org.citybridge.testing.JsonApi;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
        var response = JsonApi.post("/api/v1/cities", Fixtures.cityBody(name, "cn"))
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
            JsonApi.get("/api/v1/cities", Map.of("q", localName, "size", 100))
                    .statusCode(200)
                    .body("items.id", org.hamcrest.Matchers.hasItem(id.toString()));
        }
    }

    @Test
    void shouldRejectADuplicateNameInTheSameCountryWithConflict() {
        String name = Fixtures.unique("Puebla");
        Fixtures.register(Fixtures.cityBody(name, "MX"));
        JsonApi.post("/api/v1/cities", Fixtures.cityBody(name.toUpperCase(), "MX"))
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
        var first = JsonApi.postIdempotent("/api/v1/cities", key, Fixtures.cityBody(name, "MX"))
                .statusCode(201)
                .extract();
        var replay = JsonApi.postIdempotent("/api/v1/cities", key, Fixtures.cityBody(name, "MX"))
                .statusCode(201)
                .extract();

        assertThat(replay.<String>path("id")).isEqualTo(first.path("id"));
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(replay.header("ETag")).isEqualTo(first.header("ETag"));
        JsonApi.get("/api/v1/cities", Map.of("q", name)).body("totalItems", equalTo(1));

        // the same key for another request is refused
        JsonApi.postIdempotent("/api/v1/cities", key, Fixtures.cityBody(Fixtures.unique("Other"), "MX"))
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
                i -> JsonApi.createdId(JsonApi.postIdempotent("/api/v1/cities", key, Fixtures.cityBody(name, "MX"))));
        assertThat(ids).containsOnly(ids.get(0));
        JsonApi.get("/api/v1/cities", Map.of("q", name)).body("totalItems", equalTo(1));
    }

    @Test
    void shouldAnnounceARegistrationOnceAsACloudEventWithoutPersonalData() {
        UUID id = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Xi'an"), "CN"));
        try (TestEvents events = new TestEvents(mapper)) {
            List<ConsumerRecord<String, String>> records =
                    events.read(Topics.CITY_EVENTS, id, EventType.CITY_REGISTERED, 1, Duration.ofSeconds(30));
            assertThat(records).hasSize(1);
            ConsumerRecord<String, String> record = records.get(0);
            CloudEventHeaders headers = CloudEventHeaders.fromHeaders(TestEvents.headers(record));
            assertThat(headers.source()).isEqualTo("/citybridge/cities-service");
            assertThat(headers.subject()).isEqualTo(id.toString());
            assertThat(headers.cause()).as("a request, not an event, caused it").isNull();
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
        JsonApi.delete("/api/v1/cities/" + id).statusCode(204);
        JsonApi.delete("/api/v1/cities/" + id).statusCode(204);

        Fixtures.get(id).statusCode(200).body("retired", equalTo(true));
        JsonApi.get("/api/v1/cities", Map.of("q", name)).body("totalItems", equalTo(0));
        JsonApi.get("/api/v1/cities", Map.of("q", name, "retired", "true")).body("items.id", contains(id.toString()));
        JsonApi.delete("/api/v1/cities/" + UUID.randomUUID()).statusCode(404).contentType("application/problem+json");

        try (TestEvents events = new TestEvents(mapper)) {
            assertThat(events.read(Topics.CITY_EVENTS, id, EventType.CITY_RETIRED, 2, Duration.ofSeconds(5)))
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
