package org.citybridge.cities;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.JsonApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

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
        JsonApi.post("/api/v1/cities", Fixtures.cityBody(Fixtures.unique("Anon"), "MX"))
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        JsonApi.put("/api/v1/cities/" + MEXICO_CITY, "\"0\"", Fixtures.cityBody("x", "MX"))
                .statusCode(401);
        JsonApi.delete("/api/v1/cities/" + MEXICO_CITY).statusCode(401);
        JsonApi.post(
                        "/api/v1/cities/" + MEXICO_CITY + "/interests",
                        Map.of("area", "tourism", "stance", "OFFER", "intent", "SISTER_CITY"))
                .statusCode(401);
    }

    @Test
    void shouldLetAnyoneReadWithoutContactData() {
        Fixtures.get(UUID.fromString(MEXICO_CITY))
                .statusCode(200)
                .body("officials[0].name", equalTo("Diana Alarcon"))
                .body("officials[0].email", nullValue())
                .body("officials[0].phone", nullValue());
        JsonApi.get("/api/v1/cities", Map.of("q", "Security Mexico City"))
                .body("items.officials.flatten().email", everyItem(nullValue()));
    }

    @Test
    @TestSecurity(user = "officer.luoyang", roles = Roles.CITY_OFFICER)
    @OidcSecurity(claims = @Claim(key = "city_id", value = LUOYANG))
    void shouldForbidAnOfficerToRegisterRetireOrEditAnotherCity() {
        JsonApi.post("/api/v1/cities", Fixtures.cityBody(Fixtures.unique("Officer"), "CN"))
                .statusCode(403)
                .contentType("application/problem+json");
        JsonApi.delete("/api/v1/cities/" + LUOYANG).statusCode(403);
        JsonApi.put(
                        "/api/v1/cities/" + MEXICO_CITY,
                        Fixtures.etagOf(UUID.fromString(MEXICO_CITY)),
                        Fixtures.cityBody("Security Mexico City", "MX"))
                .statusCode(403)
                .contentType("application/problem+json");
        JsonApi.mergePatch("/api/v1/cities/" + MEXICO_CITY, "\"0\"", Map.of("population", 1))
                .statusCode(403);
        JsonApi.post(
                        "/api/v1/cities/" + MEXICO_CITY + "/interests",
                        Map.of("area", "tourism", "stance", "OFFER", "intent", "SISTER_CITY"))
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
        JsonApi.mergePatch(
                        "/api/v1/cities/" + LUOYANG,
                        Fixtures.etagOf(luoyang),
                        Map.of("description", "Edited by its own officer " + UUID.randomUUID()))
                .statusCode(200);
        JsonApi.post(
                        "/api/v1/cities/" + LUOYANG + "/interests",
                        Map.of("area", "trade", "stance", "OFFER", "intent", "SISTER_CITY"))
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(200)));
    }

    @Test
    @TestSecurity(user = "officer.nowhere", roles = Roles.CITY_OFFICER)
    void shouldForbidAnOfficerWithoutACityClaim() {
        JsonApi.mergePatch("/api/v1/cities/" + LUOYANG, "\"0\"", Map.of("population", 1))
                .statusCode(403);
    }

    @Test
    @TestSecurity(user = "unesco-system", roles = Roles.PARTNER_SYSTEM)
    void shouldForbidPartnerSystemsToChangeCities() {
        JsonApi.post("/api/v1/cities", Fixtures.cityBody(Fixtures.unique("Partner"), "MX"))
                .statusCode(403);
        JsonApi.mergePatch("/api/v1/cities/" + MEXICO_CITY, "\"0\"", Map.of("population", 1))
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
