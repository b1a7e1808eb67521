package org.citybridge.cities;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.JsonApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Every bad field is a 400 problem naming that field, and nothing is stored. */
@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
class CityValidationTest {

    static Stream<Arguments> badFields() {
        return Stream.of(
                bad("name", b -> b.put("name", "  ")),
                bad("name", b -> b.remove("name")),
                bad("name", b -> b.put("name", "x".repeat(201))),
                bad("localName", b -> b.put("localName", "x".repeat(201))),
                bad("country", b -> b.put("country", "MEX")),
                bad("country", b -> b.put("country", "XX")),
                bad("country", b -> b.remove("country")),
                bad("population", b -> b.put("population", -1)),
                bad("population", b -> b.put("population", "many")),
                bad("coordinates.latitude", b -> b.put("coordinates", Map.of("latitude", 90.5, "longitude", 0))),
                bad("coordinates.longitude", b -> b.put("coordinates", Map.of("latitude", 0, "longitude", -180.01))),
                bad("coordinates.longitude", b -> b.put("coordinates", Map.of("latitude", 0))),
                bad("languages[0]", b -> b.put("languages", List.of("EN"))),
                bad("languages[0]", b -> b.put("languages", List.of("eng"))),
                bad("description", b -> b.put("description", "x".repeat(5001))),
                bad("heritageAssets[0].name", b -> b.put("heritageAssets", List.of(Map.of("kind", "site")))),
                bad(
                        "heritageAssets[0].inscribedYear",
                        b -> b.put("heritageAssets", List.of(Map.of("name", "Old town", "inscribedYear", 1500)))),
                bad(
                        "officials[0].email",
                        b -> b.put("officials", List.of(Map.of("name", "A", "email", "not-an-email")))),
                bad("officials[0].phone", b -> b.put("officials", List.of(Map.of("name", "A", "phone", "call me")))),
                bad("officials[0].name", b -> b.put("officials", List.of(Map.of("title", "Mayor")))),
                // no mass assignment: platform-owned fields cannot be sent
                bad("id", b -> b.put("id", "6f1c5c0e-0d1a-4f43-9a5f-1b2f3c4d5e01")),
                bad("version", b -> b.put("version", 7)),
                bad("partners", b -> b.put("partners", List.of())),
                bad("createdAt", b -> b.put("createdAt", "2020-01-01T00:00:00Z")),
                bad("region", b -> b.put("region", "Europe")),
                bad("retired", b -> b.put("retired", true)));
    }

    private static Arguments bad(String field, Consumer<Map<String, Object>> change) {
        return Arguments.of(field, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFields")
    void shouldRejectABadFieldNamingItAndStoreNothing(String field, Consumer<Map<String, Object>> change) {
        String name = Fixtures.unique("Invalid city");
        Map<String, Object> body = Fixtures.cityBody(name, "MX");
        change.accept(body);
        JsonApi.post("/api/v1/cities", body)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", containsString("validation"))
                .body("violations.field", hasItem(field));
        JsonApi.get("/api/v1/cities", Map.of("q", name)).body("totalItems", equalTo(0));
    }

    @Test
    void shouldRefuseControlCharactersButKeepLineBreaksInText() {
        Map<String, Object> body = Fixtures.cityBody(Fixtures.unique("Nul\u0000city"), "MX");
        JsonApi.post("/api/v1/cities", body)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("name"));
        JsonApi.get("/api/v1/cities", Map.of("q", "a\u0000b")).statusCode(400).body("violations.field", hasItem("q"));
        JsonApi.get("/api/v1/cities", Map.of("region", "\u0007")).statusCode(400);

        Map<String, Object> multiline = Fixtures.cityBody(Fixtures.unique("Multiline"), "MX");
        multiline.put("description", "First line.\nSecond line.\tTabbed.");
        JsonApi.post("/api/v1/cities", multiline)
                .statusCode(201)
                .body("description", equalTo("First line.\nSecond line.\tTabbed."));
    }

    @Test
    void shouldRefuseBidirectionalOverridesThatDisguiseText() {
        // U+202E turns "Puebla\u202Eexe.txt" into a name that reads otherwise than it is (Trojan Source)
        for (String name : List.of("Puebla\u202Eexe.txt", "\u2066Luoyang\u2069", "\u202AOaxaca\u202C")) {
            JsonApi.post("/api/v1/cities", Fixtures.cityBody(name, "MX"))
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", hasItem("name"));
        }
        JsonApi.get("/api/v1/cities", Map.of("q", "\u202Eabc")).statusCode(400).body("violations.field", hasItem("q"));
        // marks that only set the direction of a run, as Arabic and Hebrew text uses, stay allowed
        Map<String, Object> marked = Fixtures.cityBody(Fixtures.unique("Marked\u200F"), "MX");
        JsonApi.post("/api/v1/cities", marked).statusCode(201);
    }

    @Test
    void shouldRefuseAFieldStatedTwice() {
        // which of two values would win depends on the parser; a proxy and the service could disagree
        String name = Fixtures.unique("Twice");
        String json = "{\"name\": \"" + name + "\", \"country\": \"MX\", \"name\": \"Other\"}";
        JsonApi.post("/api/v1/cities", json)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("name"));
        JsonApi.get("/api/v1/cities", Map.of("q", name)).body("totalItems", equalTo(0));
    }

    @Test
    void shouldNameTheUnknownCountryValue() {
        Map<String, Object> body = Fixtures.cityBody(Fixtures.unique("Atlantis"), "MX");
        body.put("country", "QQ");
        JsonApi.postRefused("/api/v1/cities", body, 400, "'QQ'");
    }

    @Test
    void shouldRejectMalformedJsonWithAProblemNotAServerError() {
        for (String text : List.of("{\"name\": ", "[1,2,3]", "\"just a string\"", "{\"name\": \"a\",}", "nul")) {
            JsonApi.post("/api/v1/cities", text).statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void shouldRejectAMissingBody() {
        given().contentType(ContentType.JSON)
                .when()
                .post("/api/v1/cities")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRejectAWrongContentType() {
        given().contentType(ContentType.TEXT)
                .body("name=Luoyang")
                .when()
                .post("/api/v1/cities")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRejectBadPagingAndSortingParameters() {
        JsonApi.get("/api/v1/cities", Map.of("size", 101)).statusCode(400).body("violations.field", hasItem("size"));
        JsonApi.get("/api/v1/cities", Map.of("size", 0)).statusCode(400);
        JsonApi.get("/api/v1/cities", Map.of("page", -1)).statusCode(400).body("violations.field", hasItem("page"));
        JsonApi.get("/api/v1/cities", Map.of("page", "first"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("page"));
        JsonApi.get("/api/v1/cities", Map.of("sort", "password"))
                .statusCode(400)
                .body("detail", containsString("password"));
        JsonApi.get("/api/v1/cities", Map.of("area", "space-tourism"))
                .statusCode(400)
                .body("detail", containsString("'space-tourism'"));
        JsonApi.get("/api/v1/cities", Map.of("country", "ZZ")).statusCode(400).body("detail", containsString("'ZZ'"));
        JsonApi.get("/api/v1/cities", Map.of("retired", "maybe")).statusCode(400);
        // page × size beyond the largest offset: 400 naming page, never a server error
        JsonApi.get("/api/v1/cities", Map.of("page", 21474837, "size", 100))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("page"));
        JsonApi.get("/api/v1/cities", Map.of("page", 1_000_000, "size", 100))
                .statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void shouldRejectAMalformedIdWithAProblem() {
        JsonApi.get("/api/v1/cities/not-a-uuid")
                .statusCode(org.hamcrest.Matchers.either(equalTo(400)).or(equalTo(404)))
                .contentType("application/problem+json");
    }
}
