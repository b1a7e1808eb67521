package org.citybridge.bench.quality;

import com.fasterxml.jackson.databind.JsonNode;
import org.citybridge.bench.http.BenchPlatform;
import org.citybridge.bench.quality.TwinningData.City;
import org.citybridge.bench.quality.TwinningData.Pair;
import org.citybridge.launcher.DemoUsers;
import org.citybridge.launcher.Keycloak;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.PlatformLayout;
import org.citybridge.launcher.PlatformPorts;
import org.citybridge.launcher.Status;
import org.citybridge.launcher.http.ApiClient;
import org.citybridge.launcher.http.ApiClient.Reply;
import org.citybridge.matchmaking.scoring.Weights;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The harness's world loaded into a running platform through its public API, as an agency would: every
 * city registered with cities-service (region derived there from the country), the known pairs recorded
 * with matchmaking-service as historical partnerships, every city's interest stated; then each query
 * city's proposals read back from {@code GET /api/v1/cities/{id}/proposals}. The platform is started as
 * {@code ./run.sh} starts it (without the demo story) on free ports, and stopped again.
 */
final class ApiRun implements AutoCloseable {

    private static final int IN_FLIGHT = 8;

    private final Platform platform;
    private final ApiClient cities;
    private final ApiClient matchmaking;
    /** The platform's id of each city of the file, by index. */
    final UUID[] ids;

    private ApiRun(Platform platform, ApiClient cities, ApiClient matchmaking, int size) {
        this.platform = platform;
        this.cities = cities;
        this.matchmaking = matchmaking;
        this.ids = new UUID[size];
    }

    /** Starts a platform in {@code dataDir} (emptied first) and loads the world into it. */
    static ApiRun load(QualityWorld world, List<Pair> known, Path dataDir) throws Exception {
        ApiRun run = start(dataDir, world.facts.length);
        try {
            run.registerCities(world);
            run.awaitQuiet();
            run.recordPartnerships(known);
            run.stateInterests(world);
            run.awaitQuiet();
            return run;
        } catch (Exception | Error e) {
            run.close();
            throw e;
        }
    }

    /** Starts an empty platform in {@code dataDir} (emptied first), for a world of {@code size} cities. */
    static ApiRun start(Path dataDir, int size) throws Exception {
        BenchPlatform.deleteRecursively(dataDir);
        Status status = new Status(System.out);
        Platform platform =
                Platform.create(PlatformLayout.ofCheckout().withDataDir(dataDir), PlatformPorts.free(), status);
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "stop-quality-platform"));
        platform.start(true);
        Keycloak keycloak = new Keycloak(platform.keycloak(), Platform.REALM);
        Supplier<String> token =
                new RenewedToken(() -> keycloak.passwordToken(DemoUsers.ADMIN.username(), DemoUsers.ADMIN.password()));
        ApiClient client = ApiClient.create(Duration.ofSeconds(5)).as(token);
        return new ApiRun(
                platform,
                client.at(URI.create(platform.serviceUrl("cities-service"))),
                client.at(URI.create(platform.serviceUrl("matchmaking-service"))),
                size);
    }

    ApiClient cities() {
        return cities;
    }

    ApiClient matchmaking() {
        return matchmaking;
    }

    Platform platform() {
        return platform;
    }

    private void registerCities(QualityWorld world) throws InterruptedException {
        long started = System.nanoTime();
        parallel("registering cities", world.facts.length, i -> {
            City city = world.data.cities.get(i);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", city.name());
            body.put("country", city.country());
            body.put("coordinates", Map.of("latitude", city.latitude(), "longitude", city.longitude()));
            body.put("languages", world.facts[i].languages());
            Reply reply = cities.post(
                    "/api/v1/cities",
                    body,
                    Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            if (!reply.is(201)) {
                return "city " + city.name() + " (" + city.country() + "): " + reply.status() + " " + reply.text();
            }
            ids[i] = UUID.fromString(reply.json().get("id").asText());
            return null;
        });
        report("cities registered", world.facts.length, started);
    }

    private void recordPartnerships(List<Pair> known) throws InterruptedException {
        long started = System.nanoTime();
        parallel("recording partnerships", known.size(), k -> {
            Pair pair = known.get(k);
            Reply reply = matchmaking.post(
                    "/api/v1/partnerships",
                    Map.of(
                            "cityA", ids[pair.a()].toString(),
                            "cityB", ids[pair.b()].toString(),
                            "kind", "SISTER_CITY",
                            "formedOn", "2000-01-01",
                            "source", "Twinning records (quality harness)"));
            return reply.is(201) ? null : "partnership " + k + ": " + reply.status() + " " + reply.text();
        });
        report("partnerships recorded", known.size(), started);
    }

    private void stateInterests(QualityWorld world) throws InterruptedException {
        long started = System.nanoTime();
        parallel("stating interests", world.facts.length, i -> {
            var interest = world.interests[i];
            Reply reply = cities.post(
                    "/api/v1/cities/" + ids[i] + "/interests",
                    Map.of(
                            "area", interest.area().code(),
                            "stance", interest.stance().name(),
                            "intent", interest.intent().name()),
                    Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            return reply.is(201) ? null : "interest of " + ids[i] + ": " + reply.status() + " " + reply.text();
        });
        report("interests stated", world.facts.length, started);
    }

    /**
     * Waits until every service has consumed every event so far, printing each consumer group's lag;
     * returns when ({@link System#nanoTime()}) they first had.
     */
    long awaitCaughtUp() throws Exception {
        return BenchPlatform.caughtUpAt(platform.kafkaAdminConfig(), Duration.ofMinutes(30), true);
    }

    /** Waits until every service has consumed every event so far. */
    void awaitQuiet() throws Exception {
        long started = System.nanoTime();
        BenchPlatform.awaitConsumersCaughtUp(platform.kafkaAdminConfig(), Duration.ofMinutes(30));
        System.out.printf("quality: events consumed (%.0f s)%n", (System.nanoTime() - started) / 1e9);
    }

    /** A query city's proposals as the API lists them, as city indexes. */
    IntFunction<List<Integer>> proposals(Map<UUID, Integer> indexById) {
        return q -> {
            JsonNode list = matchmaking.getOk("/api/v1/cities/" + ids[q] + "/proposals", Map.of());
            List<Integer> partners = new ArrayList<>();
            for (JsonNode entry : list) {
                partners.add(
                        indexById.get(UUID.fromString(entry.get("partnerCityId").asText())));
            }
            return partners;
        };
    }

    /**
     * Stores these weights as a model version, activates it and waits for the re-ranking job.
     *
     * @return the version
     */
    int activate(Weights weights, String note) throws Exception {
        long started = System.nanoTime();
        Reply created = matchmaking
                .post(
                        "/api/v1/admin/model/versions",
                        Map.of("weights", weights.asMap(), "note", note),
                        Map.of("Idempotency-Key", UUID.randomUUID().toString()))
                .expect(201);
        int version = created.json().get("version").asInt();
        Reply active = matchmaking.get("/api/v1/admin/model").expect(200);
        Reply accepted = matchmaking
                .send("PUT", "/api/v1/admin/model", Map.of("version", version), Map.of("If-Match", active.etag()))
                .expect(202);
        String job = URI.create(accepted.location()).getPath();
        while (true) {
            JsonNode state = matchmaking.getOk(job, Map.of());
            String now = state.get("state").asText();
            if ("SUCCEEDED".equals(now)) {
                break;
            }
            if (!"QUEUED".equals(now) && !"RUNNING".equals(now)) {
                throw new IllegalStateException("Re-ranking " + now + ": " + state.get("error"));
            }
            Thread.sleep(500);
        }
        awaitQuiet();
        report("model version " + version + " active and every city re-ranked", 1, started);
        return version;
    }

    /** Runs {@code work} for 0..n-1, {@link #IN_FLIGHT} at a time; the first failure stops the run. */
    static void parallel(String what, int n, IntFunction<String> work) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < n; i++) {
            int item = i;
            pool.execute(() -> {
                if (failures.isEmpty()) {
                    String failure = work.apply(item);
                    if (failure != null) {
                        failures.add(failure);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.HOURS);
        if (!failures.isEmpty()) {
            throw new IllegalStateException(what + " failed: " + failures.peek());
        }
    }

    private static void report(String what, int count, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        System.out.printf("quality: %,d %s in %.0f s%n", count, what, seconds);
    }

    @Override
    public void close() {
        platform.close();
    }

    /** A token fetched again two minutes after the last (they live five). */
    private static final class RenewedToken implements Supplier<String> {
        private final Supplier<String> fetch;
        private String token;
        private Instant fetchedAt = Instant.EPOCH;

        RenewedToken(Supplier<String> fetch) {
            this.fetch = fetch;
        }

        @Override
        public synchronized String get() {
            if (Instant.now().isAfter(fetchedAt.plusSeconds(120))) {
                token = fetch.get();
                fetchedAt = Instant.now();
            }
            return token;
        }
    }
}
