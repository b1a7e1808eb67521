package org.citybridge.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.citybridge.launcher.DemoUsers;
import org.citybridge.launcher.Keycloak;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.seed.SeedContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Security of the running platform with real Keycloak tokens: who may write, object-level rules for
 * officers, and tokens the services must refuse (other audience, other issuer, expired, tampered).
 * Every refusal has a positive control beside it, so a service that refused everything would fail.
 */
class SecurityE2ETest {

    private static String cities;
    private static UUID mexicoCity;
    private static UUID luoyang;
    private static Keycloak keycloak;

    @BeforeAll
    static void platform() {
        Platform platform = E2E.platform();
        SeedContext seed = E2E.seed();
        cities = platform.serviceUrl("cities-service");
        keycloak = seed.keycloak();
        mexicoCity = E2E.mexicoCity();
        luoyang = E2E.luoyang();
    }

    @Test
    void shouldRejectWritesWithoutToken() {
        registerCity(given()).statusCode(401);
        expressInterest(given(), luoyang).statusCode(401);
        mergePatch(given(), luoyang, "{\"population\": 1}").statusCode(401);
    }

    @Test
    void shouldForbidLuoyangOfficerToChangeMexicoCity() {
        String token = luoyangOfficerToken();

        expressInterest(as(token), mexicoCity).statusCode(403);
        mergePatch(as(token), mexicoCity, "{\"description\": \"changed by another city\"}")
                .statusCode(403);
        registerCity(as(token)).statusCode(403);
    }

    @Test
    void shouldLetLuoyangOfficerChangeLuoyang() {
        String token = luoyangOfficerToken();
        long population = given().get("/api/v1/cities/{id}", luoyang)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("population");

        mergePatch(as(token), luoyang, "{\"population\": " + population + "}").statusCode(200);
    }

    @Test
    void shouldForbidPartnerSystemToRegisterCities() {
        String token = keycloak.clientCredentialsToken(DemoUsers.PARTNER_CLIENT, DemoUsers.PARTNER_SECRET);

        registerCity(as(token)).statusCode(403);
    }

    @Test
    void shouldRejectTokenIssuedForAnotherAudience() {
        String clientId = "e2e-other-audience-" + shortId();
        keycloak.admin("POST", "/clients", """
                {"clientId":"%s","publicClient":true,"directAccessGrantsEnabled":true,"standardFlowEnabled":false}
                """.formatted(clientId));
        String token = keycloak.passwordToken(clientId, DemoUsers.ADMIN.username(), DemoUsers.ADMIN.password());
        assertThat(Jwt.claims(token).path("aud").toString()).doesNotContain(Platform.AUDIENCE);
        assertThat(RealmTokensTest.roles(Jwt.claims(token))).contains("platform-admin");

        registerCity(as(token)).statusCode(401);
    }

    @Test
    void shouldRejectTokenOfAnotherIssuer() {
        String token = new Keycloak(E2E.keycloak(), "master")
                .passwordToken(
                        "admin-cli",
                        org.citybridge.infra.KeycloakServer.ADMIN_USER,
                        E2E.keycloak().adminPassword());

        registerCity(as(token)).statusCode(401);
    }

    @Test
    void shouldRejectExpiredToken() {
        String clientId = "e2e-short-lived-" + shortId();
        keycloak.admin("POST", "/clients", """
                {"clientId":"%s","publicClient":true,"directAccessGrantsEnabled":true,"standardFlowEnabled":false,
                 "attributes":{"access.token.lifespan":"4"},
                 "protocolMappers":[{"name":"audience","protocol":"openid-connect","protocolMapper":"oidc-audience-mapper",
                   "config":{"included.custom.audience":"%s","access.token.claim":"true"}}]}
                """.formatted(clientId, Platform.AUDIENCE));
        String token = keycloak.passwordToken(clientId, DemoUsers.ADMIN.username(), DemoUsers.ADMIN.password());
        Instant expiry = Instant.ofEpochSecond(Jwt.claims(token).get("exp").asLong());
        // Control: while valid, the same token passes authentication (the empty body then fails validation).
        as(token).body("{}").post("/api/v1/cities").then().statusCode(not(equalTo(401)));

        assertThat(expiry).isBefore(Instant.now().plusSeconds(10));

        // Polled, not slept: refused as soon as the service sees the token as expired (no grace configured).
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> as(token).body("{}").post("/api/v1/cities").statusCode() == 401);
        assertThat(Instant.now()).isAfter(expiry);
    }

    @Test
    void shouldRejectTamperedTokens() {
        String admin = keycloak.passwordToken(DemoUsers.ADMIN.username(), DemoUsers.ADMIN.password());
        String luoyangOfficer = luoyangOfficerToken();

        registerCity(as(Jwt.withTamperedSignature(admin))).statusCode(401);
        // An officer rewriting its own city claim to act for another city keeps a signature that no longer matches.
        expressInterest(as(Jwt.withClaim(luoyangOfficer, "city_id", mexicoCity.toString())), mexicoCity)
                .statusCode(401);
        // Control: the untampered admin token is accepted.
        as(admin).body("{}").post("/api/v1/cities").then().statusCode(400);
    }

    @Test
    void shouldShowNoOfficialsContactDataInPublicReads() {
        given().get("/api/v1/cities/{id}", mexicoCity)
                .then()
                .statusCode(200)
                .body("officials.name", hasItem(containsString("Mexico City")))
                .body("officials.email", everyItem(nullValue()))
                .body("officials.phone", everyItem(nullValue()));
        given().queryParam("country", "MX")
                .queryParam("size", 100)
                .get("/api/v1/cities")
                .then()
                .statusCode(200)
                .body("items.officials.flatten().email", everyItem(nullValue()))
                .body("items.officials.flatten().phone", everyItem(nullValue()));
        String otherOfficer = luoyangOfficerToken();
        as(otherOfficer)
                .get("/api/v1/cities/{id}", mexicoCity)
                .then()
                .statusCode(200)
                .body("officials.email", everyItem(nullValue()));
        assertThat(given().get("/api/v1/cities/{id}", mexicoCity).asString()).doesNotContain("@citybridge.example");
    }

    @Test
    void shouldShowContactDataToTheCitysOwnOfficer() {
        String officer = keycloak.passwordToken(
                DemoUsers.OFFICER_MEXICO_CITY.username(), DemoUsers.OFFICER_MEXICO_CITY.password());

        as(officer)
                .get("/api/v1/cities/{id}", mexicoCity)
                .then()
                .statusCode(200)
                .body("officials.email", hasItem(notNullValue()));
    }

    private static RequestSpecification given() {
        return RestAssured.given().baseUri(cities).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A request carrying a bearer token. */
    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private static String luoyangOfficerToken() {
        return keycloak.passwordToken(DemoUsers.OFFICER_LUOYANG.username(), DemoUsers.OFFICER_LUOYANG.password());
    }

    /** Registers a new city with the request's credentials (or none). */
    private static ValidatableResponse registerCity(RequestSpecification request) {
        return request.body(newCity()).post("/api/v1/cities").then();
    }

    private static ValidatableResponse expressInterest(RequestSpecification request, UUID city) {
        return request.body(interest("trade"))
                .post("/api/v1/cities/{id}/interests", city)
                .then();
    }

    /** A JSON Merge Patch of a city at its current version. */
    private static ValidatableResponse mergePatch(RequestSpecification request, UUID city, String patch) {
        return request.contentType("application/merge-patch+json")
                .header("If-Match", etagOf(city))
                .body(patch)
                .patch("/api/v1/cities/{id}", city)
                .then();
    }

    private static String etagOf(UUID city) {
        return given().get("/api/v1/cities/{id}", city)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
    }

    private static String newCity() {
        return "{\"name\": \"E2E city " + shortId() + "\", \"country\": \"BR\"}";
    }

    private static String interest(String area) {
        return "{\"area\": \"" + area + "\", \"stance\": \"OFFER\", \"intent\": \"KNOWLEDGE_EXCHANGE\"}";
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
