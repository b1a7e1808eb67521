package org.citybridge.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.citybridge.infra.RealmFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The realm file agrees with what the launcher, the services and the docs assume. A real Keycloak
 * checks the same files in the end-to-end suite ({@code RealmTokensTest}); this is the quick guard.
 */
class RealmFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The realm as the launcher's demo imports it. */
    private final JsonNode realm = RealmFiles.merge(PlatformLayout.ofCheckout().demoRealmFiles());

    @Test
    void shouldShipTheRealmForRealUseWithoutAccountsOrSecrets() {
        JsonNode clean = read();
        assertThat(clean.get("bruteForceProtected").asBoolean()).isTrue();
        assertThat(clean.findValues("credentials"))
                .as("no user with a password")
                .isEmpty();
        assertThat(clean.findValues("secret")).as("no client secret").isEmpty();
        assertThat(clean.path("clients").findValuesAsText("clientId"))
                .as("the password grant's demo client is the demo's alone")
                .doesNotContain(DemoUsers.DEMO_CLIENT);
        for (JsonNode client : clean.get("clients")) {
            assertThat(client.path("directAccessGrantsEnabled").asBoolean())
                    .as(client.get("clientId").asText())
                    .isFalse();
        }
        for (DemoUsers.User demo : DemoUsers.ALL) {
            assertThat(clean.path("users").findValuesAsText("username")).doesNotContain(demo.username());
        }
    }

    @Test
    void shouldDeclareThePlatformRealmAndItsThreeRoles() {
        assertThat(realm.get("realm").asText()).isEqualTo(Platform.REALM);
        assertThat(realm.path("roles").path("realm").findValuesAsText("name"))
                .containsExactlyInAnyOrder("platform-admin", "city-officer", "partner-system");
    }

    @Test
    void shouldHaveEveryDemoUserWithItsPasswordRoleAndProfile() {
        for (DemoUsers.User demo : DemoUsers.ALL) {
            JsonNode user = user(demo.username());
            assertThat(user.path("credentials").get(0).get("value").asText()).isEqualTo(demo.password());
            assertThat(user.path("realmRoles").toString()).contains(demo.role());
            // the default user profile requires them, else the password grant refuses the user
            assertThat(user.path("email").asText()).contains("@");
            assertThat(user.path("firstName").asText()).isNotBlank();
            assertThat(user.path("lastName").asText()).isNotBlank();
        }
    }

    @Test
    void shouldMakeWebClientPublicWithPkceAndPartnerClientConfidentialWithServiceAccount() {
        JsonNode web = client(DemoUsers.WEB_CLIENT);
        assertThat(web.get("publicClient").asBoolean()).isTrue();
        assertThat(web.path("attributes").path("pkce.code.challenge.method").asText())
                .isEqualTo("S256");
        // a browser client never sees a password: the password grant is the demo command-line client's alone
        assertThat(web.get("directAccessGrantsEnabled").asBoolean()).isFalse();
        // the portal's documented address (the launcher adds the port of a run on other ports)
        assertThat(web.path("redirectUris").toString())
                .contains("http://localhost:8080/*")
                .contains("http://127.0.0.1:8080/*");
        JsonNode demo = client(DemoUsers.DEMO_CLIENT);
        assertThat(demo.get("directAccessGrantsEnabled").asBoolean()).isTrue();
        assertThat(demo.get("standardFlowEnabled").asBoolean()).isFalse();

        JsonNode partner = client(DemoUsers.PARTNER_CLIENT);
        assertThat(partner.get("publicClient").asBoolean()).isFalse();
        assertThat(partner.get("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(partner.get("secret").asText()).isEqualTo(DemoUsers.PARTNER_SECRET);
        assertThat(user("service-account-" + DemoUsers.PARTNER_CLIENT)
                        .path("realmRoles")
                        .toString())
                .contains("partner-system");
    }

    @Test
    void shouldPutTheServicesAudienceIntoTokensOfBothClients() {
        for (String clientId : new String[] {DemoUsers.WEB_CLIENT, DemoUsers.DEMO_CLIENT, DemoUsers.PARTNER_CLIENT}) {
            assertThat(client(clientId).path("protocolMappers").findValuesAsText("included.custom.audience"))
                    .as(clientId)
                    .containsExactly(Platform.AUDIENCE);
        }
    }

    @Test
    void shouldDeclareCityIdInUserProfileAndMapItIntoAccessToken() {
        String profile = realm.path("components")
                .path("org.keycloak.userprofile.UserProfileProvider")
                .get(0)
                .path("config")
                .path("kc.user.profile.config")
                .get(0)
                .asText();
        assertThat(profile).contains("\"name\":\"city_id\"");

        JsonNode mapper = client(DemoUsers.WEB_CLIENT)
                .path("protocolMappers")
                .findParents("claim.name")
                .get(0);
        assertThat(mapper.path("user.attribute").asText()).isEqualTo("city_id");
        assertThat(mapper.path("claim.name").asText()).isEqualTo("city_id");
        assertThat(mapper.path("access.token.claim").asText()).isEqualTo("true");
    }

    private JsonNode user(String username) {
        for (JsonNode user : realm.get("users")) {
            if (username.equals(user.get("username").asText())) {
                return user;
            }
        }
        throw new AssertionError("No user " + username);
    }

    private JsonNode client(String clientId) {
        for (JsonNode client : realm.get("clients")) {
            if (clientId.equals(client.get("clientId").asText())) {
                return client;
            }
        }
        throw new AssertionError("No client " + clientId);
    }

    private static JsonNode read() {
        try {
            return JSON.readTree(Files.readString(PlatformLayout.ofCheckout().realmFile()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
