package org.citybridge.cities;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.citybridge.contracts.events.CityUpdated;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
class CityUpdateTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void shouldReplaceAProfileWithTheCurrentETagAndAnnounceIt() {
        String name = Fixtures.unique("Guanajuato");
        UUID id = Fixtures.register(Fixtures.cityBody(name, "MX"));
        Map<String, Object> body = Fixtures.cityBody(name, "MX");
        body.put("population", 194_500);
        body.put(
                "heritageAssets",
                List.of(Map.of(
                        "name",
                        "Historic Town of Guanajuato and Adjacent Mines",
                        "kind",
                        "UNESCO World Heritage site",
                        "inscribedYear",
                        1988)));

        JsonApi.put("/api/v1/cities/" + id, "\"0\"", body)
                .statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("population", equalTo(194_500))
                .body("version", equalTo(1));
        // read back in a transaction of its own: the new list (a JSON value replaced whole) is stored
        JsonApi.get("/api/v1/cities/" + id)
                .statusCode(200)
                .body("heritageAssets.name", equalTo(List.of("Historic Town of Guanajuato and Adjacent Mines")))
                .body("heritageAssets[0].inscribedYear", equalTo(1988));

        try (TestEvents events = new TestEvents(mapper)) {
            var records = events.read(Topics.CITY_EVENTS, id, EventType.CITY_UPDATED, 1, Duration.ofSeconds(30));
            assertThat(records).hasSize(1);
            CityUpdated updated = events.payload(records.get(0), CityUpdated.class);
            assertThat(updated.city().population()).isEqualTo(194_500L);
            assertThat(updated.city().version()).isEqualTo(1);
            assertThat(updated.city().heritageAssets().get(0).inscribedYear()).isEqualTo(1988);
        }
    }

    @Test
    void shouldRefuseAStaleETagWith412AndAMissingOneWith428() {
        UUID id = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Zacatecas"), "MX"));
        Map<String, Object> body = Fixtures.cityBody(Fixtures.unique("Zacatecas"), "MX");
        JsonApi.put("/api/v1/cities/" + id, body).statusCode(428).contentType("application/problem+json");
        JsonApi.put("/api/v1/cities/" + id, "\"7\"", body).statusCode(412).contentType("application/problem+json");
        JsonApi.mergePatch("/api/v1/cities/" + id, "\"3\"", Map.of("population", 1))
                .statusCode(412);
        Fixtures.get(id).body("version", equalTo(0)).body("population", equalTo(7_056_700));
    }

    @Test
    void shouldMergePatchOnlyTheGivenFields() {
        String name = Fixtures.unique("Querétaro");
        UUID id = Fixtures.register(Fixtures.cityBody(name, "MX"));
        Map<String, Object> patch = new java.util.HashMap<>();
        patch.put("population", 1_594_000);
        patch.put("description", null);
        JsonApi.mergePatch("/api/v1/cities/" + id, Fixtures.etagOf(id), patch)
                .statusCode(200)
                .body("population", equalTo(1_594_000))
                .body("description", nullValue())
                .body("name", equalTo(name))
                .body("heritageAssets[0].name", equalTo("Longmen Grottoes"));
    }

    @Test
    void shouldRejectAnInvalidPatchAndKeepTheCity() {
        UUID id = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Campeche"), "MX"));
        JsonApi.mergePatch("/api/v1/cities/" + id, "\"0\"", Map.of("population", -5))
                .statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.hasItem("population"));
        JsonApi.mergePatch("/api/v1/cities/" + id, "\"0\"", Map.of("version", 99))
                .statusCode(400)
                .body("detail", containsString("version"));
        JsonApi.mergePatch("/api/v1/cities/" + id, "\"0\"", List.of(1)).statusCode(400);
        Fixtures.get(id).body("version", equalTo(0)).body("population", equalTo(7_056_700));
    }

    @Test
    void shouldNotLetARetiredCityChange() {
        UUID id = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Retired"), "MX"));
        JsonApi.delete("/api/v1/cities/" + id).statusCode(204);
        JsonApi.put("/api/v1/cities/" + id, Fixtures.etagOf(id), Fixtures.cityBody(Fixtures.unique("Retired"), "MX"))
                .statusCode(409);
        JsonApi.post(
                        "/api/v1/cities/" + id + "/interests",
                        Map.of("area", "tourism", "stance", "OFFER", "intent", "SISTER_CITY"))
                .statusCode(409);
    }

    @Test
    void shouldAnswer404WhenUpdatingAnUnknownCity() {
        JsonApi.put("/api/v1/cities/" + UUID.randomUUID(), "\"0\"", Fixtures.cityBody(Fixtures.unique("Nowhere"), "MX"))
                .statusCode(404);
    }

    @Test
    void shouldLetExactlyOneOfManyConcurrentUpdatesWithTheSameETagWin() throws Exception {
        String name = Fixtures.unique("Morelia");
        UUID id = Fixtures.register(Fixtures.cityBody(name, "MX"));
        List<Integer> statuses = Concurrently.run(20, i -> {
            Map<String, Object> body = Fixtures.cityBody(name, "MX");
            body.put("population", 1000 + i);
            return JsonApi.put("/api/v1/cities/" + id, "\"0\"", body).extract().statusCode();
        });
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 412).hasSize(19);
        // no lost update: the stored population is the winner's (update i sent 1000 + i)
        Fixtures.get(id).body("version", equalTo(1)).body("population", equalTo(1000 + statuses.indexOf(200)));
    }
}
