package org.citybridge.clusters;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.JsonApi;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class OrganisationApiTest {

    @Inject
    TestSupport support;

    private static Map<String, Object> organisation(String name, String kind, String country) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("kind", kind);
        body.put("country", country);
        return body;
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldCreateReadUpdateAndDeleteAnOrganisation() {
        String name = TestSupport.unique("Academy");
        String location = JsonApi.post("/api/v1/organisations", organisation(name, "ACADEMIA", "MX"))
                .statusCode(201)
                .header("ETag", equalTo("\"0\""))
                .body("name", equalTo(name))
                .body("kind", equalTo("ACADEMIA"))
                .extract()
                .header("Location");
        String id = JsonApi.get(location)
                .statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("country", equalTo("MX"))
                .extract()
                .path("id");

        Map<String, Object> change = organisation(name + " renamed", "DEVELOPMENT_PARTNER", "CN");
        JsonApi.put("/api/v1/organisations/" + id, change).statusCode(428);
        JsonApi.put("/api/v1/organisations/" + id, "\"5\"", change).statusCode(412);
        JsonApi.put("/api/v1/organisations/" + id, "\"0\"", change)
                .statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("name", equalTo(name + " renamed"))
                .body("kind", equalTo("DEVELOPMENT_PARTNER"));

        JsonApi.delete("/api/v1/organisations/" + id).statusCode(428);
        JsonApi.delete("/api/v1/organisations/" + id, "\"0\"").statusCode(412);
        JsonApi.delete("/api/v1/organisations/" + id, "\"1\"").statusCode(204);
        JsonApi.get("/api/v1/organisations/" + id).statusCode(404).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectInvalidOrganisationsNamingTheFieldsAndStoreNothing() {
        String name = TestSupport.unique("Invalid");
        JsonApi.post("/api/v1/organisations", organisation(" ", null, "mexico"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("name", "kind", "country"));
        JsonApi.post("/api/v1/organisations", organisation(name, "ACADEMIA", "XX"))
                .statusCode(400)
                .body("violations.field", hasItem("country"))
                .body("detail", containsString("XX"));
        JsonApi.postRefused("/api/v1/organisations", organisation(name, "PIRATES", "MX"), 400, "PIRATES");
        Map<String, Object> withVersion = organisation(name, "ACADEMIA", "MX");
        withVersion.put("version", 9);
        JsonApi.post("/api/v1/organisations", withVersion).statusCode(400).body("violations.field", hasItem("version"));
        assertThat(support.organisationsNamed(name)).isZero();
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectADuplicateNameIgnoringCase() {
        String name = TestSupport.unique("Twin");
        JsonApi.post("/api/v1/organisations", organisation(name, "ASSOCIATION", "MX"))
                .statusCode(201);
        JsonApi.post("/api/v1/organisations", organisation(name.toUpperCase(), "ASSOCIATION", "MX"))
                .statusCode(409)
                .contentType("application/problem+json");
        assertThat(support.organisationsNamed(name)).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRefuseToDeleteAnOrganisationThatFacilitatesAnExchange() {
        UUID organisation = support.organisation();
        UUID city = support.registerCity();
        String exchange = JsonApi.createdId(JsonApi.post(
                "/api/v1/exchanges",
                Map.of(
                        "title",
                        TestSupport.unique("Webinar"),
                        "format",
                        "WEBINAR",
                        "startDate",
                        "2024-01-10",
                        "endDate",
                        "2024-01-10",
                        "facilitatorIds",
                        List.of(organisation),
                        "participantCityIds",
                        List.of(city))));
        assertThat(exchange).isNotNull();
        JsonApi.delete("/api/v1/organisations/" + organisation, "*").statusCode(409);
        JsonApi.get("/api/v1/organisations/" + organisation).statusCode(200);
    }

    @Test
    void shouldRequireATokenToCreateAnOrganisation() {
        String name = TestSupport.unique("Anonymous");
        assertCreateRefused(name, 401);
        assertThat(support.organisationsNamed(name)).isZero();
    }

    @Test
    @TestSecurity(user = "system", roles = Roles.PARTNER_SYSTEM)
    void shouldForbidOrganisationChangesToPartnerSystems() {
        String name = TestSupport.unique("Partner");
        assertCreateRefused(name, 403);
        UUID existing = support.organisation();
        JsonApi.delete("/api/v1/organisations/" + existing, "*").statusCode(403);
        assertThat(support.organisationsNamed(name)).isZero();
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldFilterPageAndSortOrganisations() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (String prefix : List.of("Charlie", "Alpha", "Bravo")) {
            JsonApi.post("/api/v1/organisations", organisation(prefix + " " + tag, "ACADEMIA", "CN"))
                    .statusCode(201);
        }
        JsonApi.post("/api/v1/organisations", organisation("Delta " + tag, "UN_AGENCY", null))
                .statusCode(201);

        JsonApi.get("/api/v1/organisations", Map.of("q", tag, "kind", "ACADEMIA", "size", 2, "sort", "name"))
                .statusCode(200)
                .body("totalItems", equalTo(3))
                .body("totalPages", equalTo(2))
                .body("items.name", org.hamcrest.Matchers.contains("Alpha " + tag, "Bravo " + tag));
        JsonApi.get("/api/v1/organisations", Map.of("q", tag, "kind", "ACADEMIA", "size", 2, "page", 1, "sort", "name"))
                .statusCode(200)
                .body("items.name", org.hamcrest.Matchers.contains("Charlie " + tag));
        JsonApi.get("/api/v1/organisations", Map.of("q", tag, "sort", "-name"))
                .body("items[0].name", equalTo("Delta " + tag));
        JsonApi.get("/api/v1/organisations", Map.of("q", tag, "kind", "UN_AGENCY"))
                .body("totalItems", equalTo(1))
                .body("items[0].country", org.hamcrest.Matchers.nullValue());
        JsonApi.get("/api/v1/organisations", Map.of("q", tag, "country", "cn")).body("totalItems", equalTo(3));
        JsonApi.getRefused("/api/v1/organisations", Map.of("kind", "PIRATES"), "kind");
        JsonApi.getRefused("/api/v1/organisations", Map.of("country", "Mexico"), "country");
        JsonApi.getRefused("/api/v1/organisations", Map.of("q", "nul\u0000byte"), "q");
        JsonApi.getRefused("/api/v1/organisations", Map.of("page", -1), "page");
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldReplayOrganisationCreateWithTheSameIdempotencyKey() {
        String name = TestSupport.unique("Replay");
        String key = UUID.randomUUID().toString();
        String first = JsonApi.postIdempotent("/api/v1/organisations", key, organisation(name, "ACADEMIA", "MX"))
                .statusCode(201)
                .header("ETag", notNullValue())
                .extract()
                .path("id");
        String second = JsonApi.createdId(
                JsonApi.postIdempotent("/api/v1/organisations", key, organisation(name, "ACADEMIA", "MX")));
        assertThat(second).isEqualTo(first);
        assertThat(support.organisationsNamed(name)).isEqualTo(1);
    }

    /** A create the caller may not make, refused with {@code status} as a problem. */
    private static void assertCreateRefused(String name, int status) {
        JsonApi.post("/api/v1/organisations", organisation(name, "ACADEMIA", "MX"))
                .statusCode(status)
                .contentType("application/problem+json");
    }
}
