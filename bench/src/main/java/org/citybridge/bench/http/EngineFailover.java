package org.citybridge.bench.http;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.citybridge.contracts.events.Topics;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.PlatformLayout;
import org.citybridge.launcher.PlatformPorts;
import org.citybridge.launcher.ServiceProcess;
import org.citybridge.launcher.Status;
import org.citybridge.launcher.seed.SeedContext;
import org.citybridge.launcher.seed.Seeder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * How long matchmaking is without its engine when the instance running it dies, at scale: a platform
 * with the demo story and {@code cities} more cities, each with one interest (so the engine ranks them
 * all), then SIGKILL twice:
 * <ol>
 *   <li><b>restart</b> (the baseline, one instance as before): the only instance is killed and started
 *       again;</li>
 *   <li><b>standby</b>: a second instance runs beside it; the leader is killed and the survivor takes
 *       over.</li>
 * </ol>
 * Right after each kill one interest is written to cities-service. Measured from the kill: when an
 * instance leads again ({@code citybridge_engine_leader} 1), when it takes engine writes (an answer to an
 * unknown proposal is a 404, not a 503), when it has applied that interest (its first applied event), and
 * when matchmaking's consumer group has committed it (commits are throttled: up to 5 s later).
 * Prints one {@code FAILOVER} line per case.
 *
 * <p>Arguments ({@code key=value}): {@code data} (folder for the platform's data and logs),
 * {@code cities} (default 10000).
 */
public final class EngineFailover {

    private static final String MATCHMAKING = "matchmaking-service";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final java.util.regex.Pattern LEADS =
            java.util.regex.Pattern.compile("(?m)^citybridge_engine_leader(\\{[^}]*})? 1\\.0$");

    /** A platform-admin token, taken again before each kill (tokens live 5 minutes). */
    private static String adminToken;

    private EngineFailover() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> named = NamedArgs.parse(args);
        Path data = Path.of(named.getOrDefault("data", "bench/target/engine-failover"))
                .toAbsolutePath();
        int cities = Integer.parseInt(named.getOrDefault("cities", "10000"));
        BenchPlatform.deleteRecursively(data);
        Files.createDirectories(data);
        Status status = new Status(System.out);
        Platform platform = Platform.create(PlatformLayout.ofCheckout().withDataDir(data), PlatformPorts.free(), status)
                // the set-up writes far beyond one caller's quota
                .withServiceEnvironment(Map.of("CITYBRIDGE_RATE_LIMITS_ENABLED", "false"));
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "stop-failover-platform"));
        platform.start(true);
        SeedContext seed = Seeder.run(platform, status);

        long since = System.nanoTime();
        status.starting("bench: cities", cities + " cities and one interest each, through cities-service");
        List<UUID> ids = CityLoader.load(seed, cities);
        CityLoader.interests(seed, ids);
        BenchPlatform.awaitConsumersCaughtUp(platform.kafkaAdminConfig(), Duration.ofMinutes(20));
        status.ready("bench: cities", ids.size() + " cities ranked", Duration.ofNanos(System.nanoTime() - since));

        List<String> lines = new ArrayList<>();
        // baseline: one instance, killed and started again
        ServiceProcess only = platform.service(MATCHMAKING);
        adminToken = seed.adminToken();
        long killed = kill(platform, only);
        String probe = probeInterest(seed, ids.get(0));
        platform.restartService(MATCHMAKING);
        lines.add(measure("restart", cities, killed, platform.service(MATCHMAKING), platform));
        status.info("probe interest " + probe + " read");

        // standby: a second instance beside the leader
        ServiceProcess standby = platform.startInstance(MATCHMAKING, "matchmaking-service-2", Map.of());
        try {
            ServiceProcess leader = platform.service(MATCHMAKING);
            await(
                    "the first instance leads, the second follows",
                    Duration.ofMinutes(2),
                    () -> leads(leader) && !leads(standby));
            BenchPlatform.awaitConsumersCaughtUp(platform.kafkaAdminConfig(), Duration.ofMinutes(5));
            adminToken = seed.adminToken();
            killed = kill(platform, leader);
            probeInterest(seed, ids.get(1));
            lines.add(measure("standby", cities, killed, standby, platform));
        } finally {
            standby.close();
        }
        lines.forEach(System.out::println);
        System.exit(0); // the shutdown hook stops the platform
    }

    private static long kill(Platform platform, ServiceProcess leader) {
        long at = System.nanoTime();
        platform.killService(MATCHMAKING);
        if (leader.isAlive()) {
            throw new IllegalStateException("the leader survived SIGKILL");
        }
        return at;
    }

    /** Times, from the kill, until {@code next} leads, takes engine writes, and has read the probe. */
    private static String measure(String mode, int cities, long killed, ServiceProcess next, Platform platform)
            throws Exception {
        await("an instance leads", Duration.ofMinutes(5), () -> leads(next));
        long leads = System.nanoTime() - killed;
        await("it takes engine writes", Duration.ofMinutes(5), () -> takesEngineWrites(next));
        long writes = System.nanoTime() - killed;
        await("it applied the probe", Duration.ofMinutes(5), () -> appliedEvents(next) > 0);
        long applied = System.nanoTime() - killed;
        Map<String, String> admin = platform.kafkaAdminConfig();
        await("matchmaking's group committed the probe", Duration.ofMinutes(5), () -> caughtUp(admin));
        long committed = System.nanoTime() - killed;
        return String.format(
                "FAILOVER mode=%s cities=%d leads_ms=%d engine_writes_ms=%d probe_applied_ms=%d probe_committed_ms=%d",
                mode, cities, leads / 1_000_000, writes / 1_000_000, applied / 1_000_000, committed / 1_000_000);
    }

    /** Writes one interest right after a kill: the next leader must read it. */
    private static String probeInterest(SeedContext seed, UUID city) throws Exception {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(seed.citiesUrl() + "/api/v1/cities/" + city + "/interests"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + seed.adminToken())
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"area\":\"culture\",\"stance\":\"MUTUAL\",\"intent\":\"SISTER_CITY\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("probe interest: " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }

    private static boolean leads(ServiceProcess instance) {
        return LEADS.matcher(metrics(instance)).find();
    }

    /**
     * Events this process has applied (its counters start at 0, and a standby applies none): the first one
     * after a kill is the probe, or one the dead leader had applied without committing its offset.
     */
    private static double appliedEvents(ServiceProcess instance) {
        return metrics(instance)
                .lines()
                .filter(line -> line.startsWith("citybridge_events_applied_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String metrics(ServiceProcess instance) {
        try {
            HttpResponse<String> metrics = HTTP.send(
                    HttpRequest.newBuilder(URI.create(instance.managementUrl() + "/q/metrics"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return metrics.statusCode() == 200 ? metrics.body() : "";
        } catch (Exception e) {
            return "";
        }
    }

    private static boolean takesEngineWrites(ServiceProcess instance) {
        try {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/api/v1/proposals/" + UUID.randomUUID()
                                    + "/decline?cityId=" + UUID.randomUUID()))
                            .header("Authorization", "Bearer " + adminToken)
                            .timeout(Duration.ofSeconds(5))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 404;
        } catch (Exception e) {
            return false;
        }
    }

    /** Whether matchmaking's group has committed the end of every partition of city-events (short of a marker). */
    private static boolean caughtUp(Map<String, String> kafkaAdmin) {
        Properties props = new Properties();
        props.putAll(kafkaAdmin);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(MATCHMAKING)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().stream()
                    .filter(tp -> tp.topic().equals(Topics.CITY_EVENTS))
                    .forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            for (TopicPartition tp : latest.keySet()) {
                OffsetAndMetadata at = committed.get(tp);
                if (ends.get(tp).offset() - (at == null ? 0 : at.offset()) > 1) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out: " + what);
            }
            Thread.sleep(50);
        }
    }
}
