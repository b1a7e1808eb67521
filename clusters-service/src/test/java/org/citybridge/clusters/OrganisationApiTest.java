package org.citybridge.clusters;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.citybridge.kit.security.Roles;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
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
        String location = given().contentType(ContentType.JSON)
                .body(organisation(name, "ACADEMIA", "MX"))
                .when()
                .post("/api/v1/organisations")
                .then()
                .statusCode(201)
                .header("ETag", equalTo("\"0\""))
                .body("name", equalTo(name))
                .body("kind", equalTo("ACADEMIA"))
                .extract()
                .header("Location");
        String id = given().when()
                .get(location)
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("country", equalTo("MX"))
                .extract()
                .path("id");

        Map<String, Object> change = organisation(name + " renamed", "DEVELOPMENT_PARTNER", "CN");
        given().contentType(ContentType.JSON)
                .body(change)
                .when()
                .put("/api/v1/organisations/" + id)
                .then()
                .statusCode(428);
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"5\"")
                .body(change)
                .when()
                .put("/api/v1/organisations/" + id)
                .then()
                .statusCode(412);
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"0\"")
                .body(change)
                .when()
                .put("/api/v1/organisations/" + id)
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("name", equalTo(name + " renamed"))
                .body("kind", equalTo("DEVELOPMENT_PARTNER"));

        given().when().delete("/api/v1/organisations/" + id).then().statusCode(428);
        given().header("If-Match", "\"0\"")
                .when()
                .delete("/api/v1/organisations/" + id)
                .then()
                .statusCode(412);
        given().header("If-Match", "\"1\"")
                .when()
                .delete("/api/v1/organisations/" + id)
                .then()
                .statusCode(204);
        given().when()
                .get("/api/v1/organisations/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectInvalidOrganisationsNamingTheFieldsAndStoreNothing() {
        String name = TestSupport.unique("Invalid");
        given().contentType(ContentType.JSON)
                .body(organisation(" ", null, "mexico"))
                .when()
                .post("/api/v1/organisations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("name", "kind", "country"));
        given().contentType(ContentType.JSON)
                .body(organisation(name, "ACADEMIA", "XX"))
                .when()
                .post("/api/v1/organisations")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("country"))
                .body("detail", containsString("XX"));
        given().contentType(ContentType.JSON)
                .body(organisation(name, "PIRATES", "MX"))
                .when()
                .post("/api/v1/organisations")
                .then()
                .statusCode(400)
                .body("detail", containsString("PIRATES"));
        Map<String, Object> withVersion = organisation(name, "ACADEMIA", "MX");
        withVersion.put("version", 9);
        given().contentType(ContentType.JSON)
                .body(withVersion)
                .when()
                .post("/api/v1/organisations")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("version"));
        assertThat(support.organisationsNamed(name)).isZero();
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectADuplicateNameIgnoringCase() {
        String name = TestSupport.unique("Twin");
        given().contentType(ContentType.JSON)
                .body(organisation(name, "ASSOCIATION", "MX"))
                .when()
                .post("/api/v1/organisations")
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body(organisation(name.toUpperCase(), "ASSOCIATION", "MX"))
                .when()
                .post("/api/v1/organisations")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        assertThat(support.organisationsNamed(name)).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRefuseToDeleteAnOrganisationThatFacilitatesAnExchange() {
        UUID organisation = support.organisation();
        UUID city = support.registerCity();
        String exchange = given().contentType(ContentType.JSON)
                .body(Map.of(
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
                        List.of(city)))
                .when()
                .post("/api/v1/exchanges")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(exchange).isNotNull();
        given().header("If-Match", "*")
                .when()
                .delete("/api/v1/organisations/" + organisation)
                .then()
                .statusCode(409);
        given().when().get("/api/v1/organisations/" + organisation).then().statusCode(200);
    }

    @Test
    void shouldRequireATokenToCreateAnOrganisation() {
        String name = TestSupport.unique("Anonymous");
        given().contentType(ContentType.JSON)
                .body(organisation(name, "ACADEMIA", "MX"))
                .when()
                .post("/api/v1/organisations")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        assertThat(support.organisationsNamed(name)).isZero();
    }

    @Test
    @TestSecurity(user = "system", roles = Roles.PARTNER_SYSTEM)
    void shouldForbidOrganisationChangesToPartnerSystems() {
        String name = TestSupport.unique("Partner");
        given().contentType(ContentType.JSON)
                .body(organisation(name, "ACADEMIA", "MX"))
                .when()
                .post("/api/v1/organisations")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        UUID existing = support.organisation();
        given().header("If-Match", "*")
                .when()
                .delete("/api/v1/organisations/" + existing)
                .then()
                .statusCode(403);
        assertThat(support.organisationsNamed(name)).isZero();
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldFilterPageAndSortOrganisations() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (String prefix : List.of("Charlie", "Alpha", "Bravo")) {
            given().contentType(ContentType.JSON)
                    .body(organisation(prefix + " " + tag, "ACADEMIA", "CN"))
                    .when()
                    .post("/api/v1/organisations")
                    .then()
                    .statusCode(201);
        }
        given().contentType(ContentType.JSON)
                .body(organisation("Delta " + tag, "UN_AGENCY", null))
                .when()
                .post("/api/v1/organisations")
                .then()
                .statusCode(201);

        given().queryParam("q", tag)
                .queryParam("kind", "ACADEMIA")
                .queryParam("size", 2)
                .queryParam("sort", "name")
                .when()
                .get("/api/v1/organisations")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(3))
                .body("totalPages", equalTo(2))
                .body("items.name", org.hamcrest.Matchers.contains("Alpha " + tag, "Bravo " + tag));
        given().queryParam("q", tag)
                .queryParam("kind", "ACADEMIA")
                .queryParam("size", 2)
                .queryParam("page", 1)
                .queryParam("sort", "name")
                .when()
                .get("/api/v1/organisations")
                .then()
                .statusCode(200)
                .body("items.name", org.hamcrest.Matchers.contains("Charlie " + tag));
        given().queryParam("q", tag)
                .queryParam("sort", "-name")
                .when()
                .get("/api/v1/organisations")
                .then()
                .body("items[0].name", equalTo("Delta " + tag));
        given().queryParam("q", tag)
                .queryParam("kind", "UN_AGENCY")
                .when()
                .get("/api/v1/organisations")
                .then()
                .body("totalItems", equalTo(1))
                .body("items[0].country", org.hamcrest.Matchers.nullValue());
        given().queryParam("q", tag)
                .queryParam("country", "cn")
                .when()
                .get("/api/v1/organisations")
                .then()
                .body("totalItems", equalTo(3));
        given().queryParam("kind", "PIRATES")
                .when()
                .get("/api/v1/organisations")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("kind"));
        given().queryParam("country", "Mexico")
                .when()
                .get("/api/v1/organisations")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("country"));
        given().queryParam("q", "nul\u0000byte")
                .when()
                .get("/api/v1/organisations")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("q"));
        given().queryParam("page", -1)
                .when()
                .get("/api/v1/organisations")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("page"));
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldReplayOrganisationCreateWithTheSameIdempotencyKey() {
        String name = TestSupport.unique("Replay");
        String key = UUID.randomUUID().toString();
        String first = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(organisation(name, "ACADEMIA", "MX"))
                .when()
                .post("/api/v1/organisations")
                .then()
                .statusCode(201)
                .header("ETag", notNullValue())
                .extract()
                .path("id");
        String second = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(organisation(name, "ACADEMIA", "MX"))
                .when()
                .post("/api/v1/organisations")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(second).isEqualTo(first);
        assertThat(support.organisationsNamed(name)).isEqualTo(1);
    }
}
