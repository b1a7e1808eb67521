package org.citybridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.citybridge.launcher.DemoUsers;
import org.citybridge.launcher.Keycloak;
import org.citybridge.launcher.Platform;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The realm file as the services rely on it, checked against a real Keycloak: issuer pinned, audience
 * {@code citybridge-api}, realm roles in {@code realm_access.roles}, {@code city_id} declared in the user
 * profile and mapped into the access token, both grants of the demo.
 */
class RealmTokensTest {

    @Test
    void shouldIssueAdminTokenWithPinnedIssuerApiAudienceAndAdminRole() {
        JsonNode claims =
                Jwt.claims(E2E.keycloakClient().passwordToken(DemoUsers.ADMIN.username(), DemoUsers.ADMIN.password()));

        assertThat(claims.get("iss").asText()).isEqualTo(E2E.keycloak().issuer());
        assertThat(audiences(claims)).contains(Platform.AUDIENCE);
        assertThat(roles(claims)).contains("platform-admin").doesNotContain("city-officer", "partner-system");
    }

    @Test
    void shouldIssueOfficerTokensWithCityOfficerRoleOnly() {
        for (DemoUsers.User officer : List.of(DemoUsers.OFFICER_MEXICO_CITY, DemoUsers.OFFICER_LUOYANG)) {
            JsonNode claims = Jwt.claims(E2E.keycloakClient().passwordToken(officer.username(), officer.password()));

            assertThat(roles(claims))
                    .as(officer.username())
                    .contains("city-officer")
                    .doesNotContain("platform-admin");
            assertThat(audiences(claims)).contains(Platform.AUDIENCE);
        }
    }

    @Test
    void shouldIssuePartnerSystemTokenByClientCredentials() {
        JsonNode claims = Jwt.claims(
                E2E.keycloakClient().clientCredentialsToken(DemoUsers.PARTNER_CLIENT, DemoUsers.PARTNER_SECRET));

        assertThat(roles(claims)).contains("partner-system").doesNotContain("platform-admin", "city-officer");
        assertThat(audiences(claims)).contains(Platform.AUDIENCE);
        assertThat(claims.get("iss").asText()).isEqualTo(E2E.keycloak().issuer());
    }

    @Test
    void shouldRejectPartnerClientWithWrongSecret() {
        assertThatThrownBy(() -> E2E.keycloakClient().clientCredentialsToken(DemoUsers.PARTNER_CLIENT, "wrong"))
                .hasMessageContaining("401");
    }

    @Test
    void shouldMapCityIdAttributeSetThroughAdminApiIntoAccessToken() {
        Keycloak keycloak = E2E.keycloakClient();
        String username = "e2e-officer-" + UUID.randomUUID().toString().substring(0, 8);
        String cityId = UUID.randomUUID().toString();
        keycloak.admin("POST", "/users", """
                {"username":"%s","enabled":true,"email":"%s@e2e.example","firstName":"Test","lastName":"Officer",
                 "emailVerified":true,"credentials":[{"type":"password","value":"pw-%s","temporary":false}]}
                """.formatted(username, username, username));
        // Set the way the launcher sets the seed officers' city: read the user, add the attribute, write it back.
        keycloak.setUserAttribute(username, "city_id", cityId);

        JsonNode claims = Jwt.claims(keycloak.passwordToken(username, "pw-" + username));

        assertThat(claims.path("city_id").asText()).isEqualTo(cityId);
    }

    @Test
    void shouldProtectTheConsoleRealmAgainstPasswordGuessing() {
        // Keycloak leaves brute-force detection off in its master realm; the console's login is worth guarding
        JsonNode master = new Keycloak(E2E.keycloak(), "master").admin("GET", "", null);

        assertThat(master.get("bruteForceProtected").asBoolean()).isTrue();
        assertThat(master.get("failureFactor").asInt()).isPositive();
    }

    @Test
    void shouldCarryNoCityIdForAdmin() {
        JsonNode claims =
                Jwt.claims(E2E.keycloakClient().passwordToken(DemoUsers.ADMIN.username(), DemoUsers.ADMIN.password()));

        assertThat(claims.has("city_id")).isFalse();
    }

    static List<String> roles(JsonNode claims) {
        List<String> roles = new ArrayList<>();
        claims.path("realm_access").path("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }

    static List<String> audiences(JsonNode claims) {
        List<String> audiences = new ArrayList<>();
        JsonNode aud = claims.path("aud");
        if (aud.isArray()) {
            aud.forEach(a -> audiences.add(a.asText()));
        } else if (aud.isTextual()) {
            audiences.add(aud.asText());
        }
        return audiences;
    }
}
