package org.citybridge.portal.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdToken;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The person looking at a page: anonymous, a city's officer, or programme staff. What they may do is decided
 * by the APIs with their token; the portal only hides buttons they could not use.
 */
@RequestScoped
public class Viewer {

    public static final String OFFICER = "city-officer";
    public static final String ADMIN = "platform-admin";

    @Inject
    SecurityIdentity identity;

    @Inject
    @IdToken
    JsonWebToken idToken;

    @Inject
    ObjectMapper json;

    public boolean signedIn() {
        return !identity.isAnonymous();
    }

    /** The name to greet: the account's user name, never more personal data than that. */
    public String name() {
        if (!signedIn()) {
            return "";
        }
        String username = idToken.getClaim("preferred_username");
        return username != null ? username : identity.getPrincipal().getName();
    }

    public boolean admin() {
        return signedIn() && identity.hasRole(ADMIN);
    }

    /** The city an officer acts for (claim city_id of the access token), if any. */
    public Optional<UUID> officerOf() {
        if (!signedIn() || !identity.hasRole(OFFICER)) {
            return Optional.empty();
        }
        return accessToken()
                .map(token -> claims(token).path("city_id").asText(null))
                .flatMap(Viewer::uuid);
    }

    /** Whether this person may answer proposals for {@code city}: its officer, or an admin. */
    public boolean actsFor(UUID city) {
        return admin() || officerOf().map(city::equals).orElse(false);
    }

    /** The access token to call the APIs with, while signed in. */
    public Optional<String> accessToken() {
        if (!signedIn()) {
            return Optional.empty();
        }
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        return credential == null ? Optional.empty() : Optional.ofNullable(credential.getToken());
    }

    // The access token was verified on sign-in (quarkus.oidc.authentication.verify-access-token): its claims are read
    // here, not checked again.
    private JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return json.createObjectNode();
        }
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
