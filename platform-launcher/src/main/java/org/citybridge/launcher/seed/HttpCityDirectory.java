package org.citybridge.launcher.seed;

import com.fasterxml.jackson.databind.JsonNode;
import org.citybridge.launcher.http.ApiClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds cities through cities-service's public API: {@code GET /api/v1/cities?q=<name>&country=<CC>},
 * a page whose {@code items} carry {@code id} and {@code name}. An exact (case-insensitive) name match
 * wins; otherwise a single result is taken; anything else counts as not found.
 */
public final class HttpCityDirectory implements CityDirectory {

    private final ApiClient cities;

    public HttpCityDirectory(ApiClient cities) {
        this.cities = cities;
    }

    @Override
    public Optional<UUID> find(String name, String country) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("q", name);
        query.put("country", country);
        query.put("size", "50");
        ApiClient.Reply reply = cities.get("/api/v1/cities", query);
        if (!reply.is(200)) {
            throw new ApiClient.ApiCallException("GET /api/v1/cities?q=" + name, reply);
        }
        JsonNode items = reply.json().path("items");
        JsonNode exact = null;
        for (JsonNode item : items) {
            if (name.equalsIgnoreCase(item.path("name").asText())) {
                exact = item;
                break;
            }
        }
        JsonNode chosen = exact != null ? exact : (items.size() == 1 ? items.get(0) : null);
        return chosen == null
                ? Optional.empty()
                : Optional.of(UUID.fromString(chosen.path("id").asText()));
    }
}
