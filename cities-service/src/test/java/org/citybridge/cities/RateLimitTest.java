package org.citybridge.cities;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.JsonApi;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Each caller has its own quotas, one per class of route: a caller over one gets 429 with Retry-After
 * and changes nothing, while other callers and its other classes of route go on. Small quotas (a token
 * back every 20 s at the earliest) keep the test far from the refill.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallQuotas.class)
class RateLimitTest {

    public static class SmallQuotas implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "citybridge.rate-limits.enabled", "true",
                    "citybridge.rate-limits.reads-per-minute", "3",
                    "citybridge.rate-limits.writes-per-minute", "2");
        }
    }

    @Test
    void anAnonymousCallerIsLimitedByAddressWithRetryAfterAndQuotaHeaders() {
        for (int remaining = 2; remaining >= 0; remaining--) {
            given().get("/api/v1/cities")
                    .then()
                    .statusCode(200)
                    .header("RateLimit-Policy", "\"reads\";q=3;w=60")
                    .header("RateLimit", containsString("\"reads\";r=" + remaining + ";t="));
        }
        Response refused = given().get("/api/v1/cities");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 20);
        assertThat(refused.header("RateLimit")).startsWith("\"reads\";r=0;t=");
        assertThat(refused.jsonPath().getString("detail")).contains("3 reads per minute");
        // operations outside the API (health, metrics, the contract) are not limited
        given().port(org.citybridge.testing.InfrastructureContract.managementPort())
                .get("/q/health/live")
                .then()
                .statusCode(200);
    }

    @Test
    @TestSecurity(user = "busy-admin", roles = Roles.PLATFORM_ADMIN)
    void aCallerOverItsWriteQuotaChangesNothingAndCanStillRead() {
        String family = Fixtures.unique("Quota");
        JsonApi.post("/api/v1/cities", Fixtures.cityBody(family + " one", "MX")).statusCode(201);
        JsonApi.post("/api/v1/cities", Fixtures.cityBody(family + " two", "MX")).statusCode(201);
        JsonApi.post("/api/v1/cities", Fixtures.cityBody(family + " three", "MX"))
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        // reads have a quota of their own, and this caller's is untouched by the anonymous test's
        JsonApi.get("/api/v1/cities", Map.of("q", family)).statusCode(200).body("totalItems", equalTo(2));
    }
}
