package org.citybridge.cities;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import org.citybridge.kit.security.Roles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;

/** Role and object-level rules: who may write what, and who sees officials' contact data. */
@QuarkusTest
class CitySecurityTest {

    static final String MEXICO_CITY = "a1d1c000-0000-4000-8000-000000000001";
    static final String LUOYANG = "a1d1c000-0000-4000-8000-000000000002";

    @BeforeEach
    void cities() {
        Fixtures.ensureCity(UUID.fromString(MEXICO_CITY), "Security Mexico City", "MX");
        Fixtures.ensureCity(UUID.fromString(LUOYANG), "Security Luoyang", "CN");
    }

    @Test
    void shouldRequireATokenForEveryWrite() {
        given().contentType(ContentType.JSON)
                .body(Fixtures.cityBody(Fixtures.unique("Anon"), "MX"))
                .when()
                .post("/api/v1/cities")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"0\"")
                .body(Fixtures.cityBody("x", "MX"))
                .when()
                .put("/api/v1/cities/" + MEXICO_CITY)
                .then()
                .statusCode(401);
        given().when().delete("/api/v1/cities/" + MEXICO_CITY).then().statusCode(401);
        given().contentType(ContentType.JSON)
                .body(Map.of("area", "tourism", "stance", "OFFER", "intent", "SISTER_CITY"))
                .when()
                .post("/api/v1/cities/" + MEXICO_CITY + "/interests")
                .then()
                .statusCode(401);
    }

    @Test
    void shouldLetAnyoneReadWithoutContactData() {
        Fixtures.get(UUID.fromString(MEXICO_CITY))
                .statusCode(200)
                .body("officials[0].name", equalTo("Diana Alarcon"))
                .body("officials[0].email", nullValue())
                .body("officials[0].phone", nullValue());
        given().queryParam("q", "Security Mexico City")
                .when()
                .get("/api/v1/cities")
                .then()
                .body("items.officials.flatten().email", everyItem(nullValue()));
    }

    @Test
    @TestSecurity(user = "officer.luoyang", roles = Roles.CITY_OFFICER)
    @OidcSecurity(claims = @Claim(key = "city_id", value = LUOYANG))
    void shouldForbidAnOfficerToRegisterRetireOrEditAnotherCity() {
        given().contentType(ContentType.JSON)
                .body(Fixtures.cityBody(Fixtures.unique("Officer"), "CN"))
                .when()
                .post("/api/v1/cities")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().when().delete("/api/v1/cities/" + LUOYANG).then().statusCode(403);
        given().contentType(ContentType.JSON)
                .header("If-Match", Fixtures.etagOf(UUID.fromString(MEXICO_CITY)))
                .body(Fixtures.cityBody("Security Mexico City", "MX"))
                .when()
                .put("/api/v1/cities/" + MEXICO_CITY)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().contentType("application/merge-patch+json")
                .header("If-Match", "\"0\"")
                .body(Map.of("population", 1))
                .when()
                .patch("/api/v1/cities/" + MEXICO_CITY)
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON)
                .body(Map.of("area", "tourism", "stance", "OFFER", "intent", "SISTER_CITY"))
                .when()
                .post("/api/v1/cities/" + MEXICO_CITY + "/interests")
                .then()
                .statusCode(403);
        // and the other city's contact data stays hidden from this officer
        Fixtures.get(UUID.fromString(MEXICO_CITY)).body("officials[0].email", nullValue());
    }

    @Test
    @TestSecurity(user = "officer.luoyang", roles = Roles.CITY_OFFICER)
    @OidcSecurity(claims = @Claim(key = "city_id", value = LUOYANG))
    void shouldLetAnOfficerEditOwnCityAndSeeItsContactData() {
        UUID luoyang = UUID.fromString(LUOYANG);
        Fixtures.get(luoyang).body("officials[0].email", equalTo("diana@example.org"));
        given().contentType("application/merge-patch+json")
                .header("If-Match", Fixtures.etagOf(luoyang))
                .body(Map.of("description", "Edited by its own officer " + UUID.randomUUID()))
                .when()
                .patch("/api/v1/cities/" + LUOYANG)
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of("area", "trade", "stance", "OFFER", "intent", "SISTER_CITY"))
                .when()
                .post("/api/v1/cities/" + LUOYANG + "/interests")
                .then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(200)));
    }

    @Test
    @TestSecurity(user = "officer.nowhere", roles = Roles.CITY_OFFICER)
    void shouldForbidAnOfficerWithoutACityClaim() {
        given().contentType("application/merge-patch+json")
                .header("If-Match", "\"0\"")
                .body(Map.of("population", 1))
                .when()
                .patch("/api/v1/cities/" + LUOYANG)
                .then()
                .statusCode(403);
    }

    @Test
    @TestSecurity(user = "unesco-system", roles = Roles.PARTNER_SYSTEM)
    void shouldForbidPartnerSystemsToChangeCities() {
        given().contentType(ContentType.JSON)
                .body(Fixtures.cityBody(Fixtures.unique("Partner"), "MX"))
                .when()
                .post("/api/v1/cities")
                .then()
                .statusCode(403);
        given().contentType("application/merge-patch+json")
                .header("If-Match", "\"0\"")
                .body(Map.of("population", 1))
                .when()
                .patch("/api/v1/cities/" + MEXICO_CITY)
                .then()
                .statusCode(403);
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldShowContactDataToAdmins() {
        Fixtures.get(UUID.fromString(MEXICO_CITY))
                .body("officials[0].email", equalTo("diana@example.org"))
                .body("officials[0].phone", equalTo("+52 55 0000 0000"));
    }
}
