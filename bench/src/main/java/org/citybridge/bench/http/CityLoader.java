package org.citybridge.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.citybridge.launcher.seed.SeedContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Registers synthetic cities through {@code POST /api/v1/cities} as a platform-admin, eight requests
 * in flight, so that every registration goes through validation, the outbox and the events exactly as
 * in production (the other services receive them too). Profiles look like the seed's: a local name,
 * coordinates, languages, a description, heritage assets for some, an association and one official.
 * Interests go in the same way, one per city, when a benchmark needs the engine to rank.
 */
final class CityLoader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] COUNTRIES = {
        "MX", "CN", "BR", "IN", "ZA", "KE", "NG", "EG", "AR", "CO", "PE", "CL", "ID", "VN", "TH", "PH", "MY", "PK",
        "BD", "MA", "GH", "ET", "TZ", "TR", "EC", "BO", "UY", "SN", "CM", "LK"
    };
    private static final int IN_FLIGHT = 8;

    private CityLoader() {}

    static List<UUID> load(SeedContext seed, int count) throws InterruptedException {
        Random random = new Random(20220222);
        List<Post> posts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            posts.add(new Post("/api/v1/cities", cityJson(i, random), "bench-city-" + i));
        }
        return postAll(seed, posts, "bench cities");
    }

    /** One interest per city, areas and stances spread so that most cities find partners (the engine's work). */
    static void interests(SeedContext seed, List<UUID> cities) throws InterruptedException {
        String[] areas = {"tourism", "trade", "renewable-energy", "heritage-protection", "transport", "education"};
        String[] stances = {"OFFER", "SEEK", "MUTUAL"};
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < cities.size(); i++) {
            var interest = JSON.createObjectNode();
            interest.put("area", areas[i % areas.length]);
            interest.put("stance", stances[(i / areas.length) % stances.length]);
            interest.put("intent", i % 2 == 0 ? "SISTER_CITY" : "THEMATIC_PARTNERSHIP");
            posts.add(new Post(
                    "/api/v1/cities/" + cities.get(i) + "/interests", interest.toString(), "bench-interest-" + i));
        }
        postAll(seed, posts, "bench interests");
    }

    /** A POST to cities-service: path, JSON body, and the seed of its Idempotency-Key. */
    private record Post(String path, String body, String key) {}

    /** Sends the posts, eight in flight; returns the ids of what they created, in completion order. */
    private static List<UUID> postAll(SeedContext seed, List<Post> posts, String what) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        List<UUID> ids = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Semaphore slots = new Semaphore(IN_FLIGHT);
        String token = seed.adminToken();
        long tokenAt = System.nanoTime();
        for (int i = 0; i < posts.size() && failures.isEmpty(); i++) {
            if (System.nanoTime() - tokenAt > Duration.ofSeconds(120).toNanos()) {
                token = seed.adminToken(); // tokens live 5 minutes
                tokenAt = System.nanoTime();
            }
            Post post = posts.get(i);
            HttpRequest request = HttpRequest.newBuilder(URI.create(seed.citiesUrl() + post.path()))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .header(
                            "Idempotency-Key",
                            UUID.nameUUIDFromBytes(post.key().getBytes()).toString())
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(post.body()))
                    .build();
            slots.acquire();
            CompletableFuture<HttpResponse<String>> sent =
                    http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            sent.whenComplete((response, error) -> {
                try {
                    if (error != null) {
                        failures.add(error.toString());
                    } else if (response.statusCode() != 201) {
                        failures.add("HTTP " + response.statusCode() + ": " + response.body());
                    } else {
                        JsonNode created = JSON.readTree(response.body());
                        ids.add(UUID.fromString(created.get("id").asText()));
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                } finally {
                    slots.release();
                }
            });
        }
        slots.acquire(IN_FLIGHT);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("Posting " + what + " failed: " + failures.get(0));
        }
        return ids;
    }

    private static String cityJson(int i, Random random) {
        String country = COUNTRIES[i % COUNTRIES.length];
        String name = String.format("Bench City %05d", i);
        var city = JSON.createObjectNode();
        city.put("name", name);
        city.put("localName", name + " (local)");
        city.put("country", country);
        city.put("population", (long) Math.pow(10, 4 + random.nextDouble() * 3.5));
        var coordinates = city.putObject("coordinates");
        coordinates.put("latitude", Math.round((random.nextDouble() * 120 - 60) * 1e4) / 1e4);
        coordinates.put("longitude", Math.round((random.nextDouble() * 340 - 170) * 1e4) / 1e4);
        city.putArray("languages").add("en").add(random.nextBoolean() ? "es" : "zh");
        city.put(
                "description",
                "Synthetic city " + i + " for the HTTP benchmarks: a profile of typical size, "
                        + "with a description of a few sentences, languages, heritage and one liaison official.");
        var heritage = city.putArray("heritageAssets");
        if (random.nextInt(4) == 0) {
            var asset = heritage.addObject();
            asset.put("name", "Historic centre of " + name);
            asset.put("kind", "UNESCO World Heritage site");
            asset.put("inscribedYear", 1980 + random.nextInt(40));
            asset.putArray("facts").add("Illustrative asset of a synthetic city");
        }
        city.putArray("associations").add("Bench Cities Association");
        var official = city.putArray("officials").addObject();
        official.put("name", "Liaison officer of " + name);
        official.put("title", "International Affairs Liaison");
        official.put("office", "International Affairs Office");
        official.put("email", "liaison" + i + "@bench.example");
        official.put("phone", "+1 555 0100");
        return city.toString();
    }
}
