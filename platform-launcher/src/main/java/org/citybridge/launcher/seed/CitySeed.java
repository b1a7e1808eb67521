package org.citybridge.launcher.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.citybridge.launcher.http.ApiClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Registers the seed cities (resource {@code seed/cities.json}: Mexico City, Luoyang, the other Mexican
 * World Heritage cities and Chinese counterparts) through cities-service's public API, with the
 * interests the article gives them.
 *
 * <p>Idempotent: a city found by name and country is not created again (and its interests are left
 * as they are); creates carry a deterministic Idempotency-Key, so a retried request is not doubled.
 * Each entry's {@code city} object is sent as the create body as it stands, so the resource follows
 * the API's request shape without code changes here.
 */
public final class CitySeed {

    private CitySeed() {}

    /** What the seed did. */
    public record Result(Map<String, UUID> cityIds, int created, int existing) {}

    public static Result load(SeedContext context) {
        JsonNode entries = readResource();
        ApiClient admin = context.api().as(context.adminToken());
        Map<String, UUID> ids = new LinkedHashMap<>();
        int created = 0;
        for (JsonNode entry : entries) {
            ObjectNode city = (ObjectNode) entry.get("city");
            String name = city.get("name").asText();
            String country = city.get("country").asText();
            UUID id = find(context, name, country);
            if (id == null) {
                ApiClient.Reply reply = admin.post(
                                context.citiesUrl() + "/api/v1/cities", city, key("city", name, country))
                        .requireOk("Creating city " + name);
                id = UUID.fromString(reply.json().get("id").asText());
                for (JsonNode interest : entry.path("interests")) {
                    admin.post(
                                    context.citiesUrl() + "/api/v1/cities/" + id + "/interests",
                                    interest,
                                    key("interest", name, interest.get("area").asText()))
                            .requireOk("Stating an interest of " + name);
                }
                created++;
            }
            ids.put(SeedContext.cityKey(name, country), id);
        }
        return new Result(ids, created, ids.size() - created);
    }

    private static UUID find(SeedContext context, String name, String country) {
        String url = context.citiesUrl() + "/api/v1/cities?size=100&country=" + enc(country) + "&q=" + enc(name);
        JsonNode page =
                context.api().get(url).requireOk("Looking up city " + name).json();
        for (JsonNode item : page.path("items")) {
            if (name.equalsIgnoreCase(item.path("name").asText())
                    && country.equalsIgnoreCase(item.path("country").asText())) {
                return UUID.fromString(item.get("id").asText());
            }
        }
        return null;
    }

    /** A deterministic Idempotency-Key: a retried create is not doubled. */
    private static Map<String, String> key(String... parts) {
        return Map.of(
                "Idempotency-Key",
                UUID.nameUUIDFromBytes(("citybridge-seed|" + String.join("|", parts)).getBytes(StandardCharsets.UTF_8))
                        .toString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static JsonNode readResource() {
        try (InputStream in = CitySeed.class.getResourceAsStream("/seed/cities.json")) {
            return ApiClient.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
