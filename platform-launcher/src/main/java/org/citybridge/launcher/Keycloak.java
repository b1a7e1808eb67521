package org.citybridge.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.citybridge.infra.KeycloakServer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Talks to a Keycloak server: fetches tokens (password and client-credentials grants) and, with the
 * bootstrap administrator, changes users through the admin REST API.
 */
public final class Keycloak {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String realm;
    private final String adminPassword;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A client of one realm of a running Keycloak; its admin calls use the console administrator. */
    public Keycloak(KeycloakServer server, String realm) {
        this.baseUrl = server.baseUrl();
        this.realm = realm;
        this.adminPassword = server.adminPassword();
    }

    public String tokenEndpoint() {
        return baseUrl + "/realms/" + realm + "/protocol/openid-connect/token";
    }

    /** An access token for a user of the realm, through the demo client (password grant, demo only). */
    public String passwordToken(String username, String password) {
        return token(
                realm,
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        DemoUsers.DEMO_CLIENT,
                        "username",
                        username,
                        "password",
                        password));
    }

    /** An access token for any client allowed the password grant (e.g. a test's own client). */
    public String passwordToken(String clientId, String username, String password) {
        return token(
                realm,
                Map.of("grant_type", "password", "client_id", clientId, "username", username, "password", password));
    }

    /** An access token of a confidential client's service account (client-credentials grant). */
    public String clientCredentialsToken(String clientId, String secret) {
        return token(realm, Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /**
     * Sets one attribute of a user, keeping the others: the admin API replaces the whole attribute map
     * on update, so the user is read first.
     */
    public void setUserAttribute(String username, String attribute, String value) {
        String admin = adminToken();
        String users = baseUrl + "/admin/realms/" + realm + "/users";
        JsonNode found = send(HttpRequest.newBuilder(URI.create(
                        users + "?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + admin)
                .GET());
        if (!found.isArray() || found.isEmpty()) {
            throw new IllegalStateException("No user " + username + " in realm " + realm);
        }
        String id = found.get(0).get("id").asText();
        ObjectNode user = (ObjectNode) send(HttpRequest.newBuilder(URI.create(users + "/" + id))
                .header("Authorization", "Bearer " + admin)
                .GET());
        ObjectNode attributes = user.has("attributes") && user.get("attributes").isObject()
                ? (ObjectNode) user.get("attributes")
                : user.putObject("attributes");
        ArrayNode values = JSON.createArrayNode().add(value);
        attributes.set(attribute, values);
        send(HttpRequest.newBuilder(URI.create(users + "/" + id))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(user.toString())));
    }

    /**
     * Sends an admin REST request with the bootstrap administrator's token and returns the JSON answer
     * (null for an empty body). Used by tests to create throw-away clients.
     */
    public JsonNode admin(String method, String path, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms/" + realm + path))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .method(
                        method,
                        jsonBody == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(jsonBody));
        return send(request);
    }

    private String adminToken() {
        return token(
                "master",
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "admin-cli",
                        "username",
                        KeycloakServer.ADMIN_USER,
                        "password",
                        adminPassword));
    }

    private String token(String tokenRealm, Map<String, String> form) {
        Map<String, String> ordered = new LinkedHashMap<>(form);
        String body = ordered.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        JsonNode answer = send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/realms/" + tokenRealm + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
        return answer.get("access_token").asText();
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                // Keycloak's error bodies hold no secrets (error and description only).
                throw new IllegalStateException("Keycloak answered " + response.statusCode() + " to "
                        + response.request().method() + " "
                        + response.request().uri().getPath() + ": " + response.body());
            }
            return response.body().isBlank() ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak unreachable at " + baseUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
