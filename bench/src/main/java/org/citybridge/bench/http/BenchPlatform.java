package org.citybridge.bench.http;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.citybridge.launcher.DemoUsers;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.PlatformLayout;
import org.citybridge.launcher.PlatformPorts;
import org.citybridge.launcher.Status;
import org.citybridge.launcher.seed.SeedContext;
import org.citybridge.launcher.seed.Seeder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The platform for the HTTP benchmarks, started exactly as {@code ./run.sh} starts it (same launcher
 * code, same JVM options per service) but on free loopback ports and with its own data folder, then
 * seeded with the demo story and {@code cities} more cities registered through the public API.
 *
 * <p>Writes {@code bench.env} (URLs, ports, ids, as shell assignments) and {@code city-ids.txt} into
 * the data folder once everything is loaded and every consumer group has caught up, then keeps the
 * platform up until the file {@code stop} appears in the data folder, standard input closes, SIGTERM
 * arrives, or {@code maxMinutes} pass, whichever is first; it then stops everything it started.
 *
 * <p>Usage: {@code BenchPlatform <dataDir> <cities> <maxMinutes>}
 */
public final class BenchPlatform {

    private BenchPlatform() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]).toAbsolutePath();
        int cities = Integer.parseInt(args[1]);
        long maxMinutes = Long.parseLong(args[2]);
        deleteRecursively(data);
        Files.createDirectories(data);
        Status status = new Status(System.out);
        PlatformLayout layout = PlatformLayout.ofCheckout().withDataDir(data);
        Platform platform = Platform.create(layout, PlatformPorts.free(), status)
                // the set-up and the load write far beyond one caller's quota
                .withServiceEnvironment(Map.of("CITYBRIDGE_RATE_LIMITS_ENABLED", "false"));
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "stop-bench-platform"));
        platform.start(true);
        SeedContext seed = Seeder.run(platform, status);

        Instant since = Instant.now();
        status.starting("bench: cities", cities + " through POST /api/v1/cities");
        List<UUID> ids = new ArrayList<>(seed.cityIds().values());
        ids.addAll(CityLoader.load(seed, cities));
        status.ready("bench: cities", ids.size() + " cities in all", Duration.between(since, Instant.now()));

        since = Instant.now();
        status.starting("bench: quiet", "waiting for every consumer group to catch up");
        awaitConsumersCaughtUp(platform.kafkaAdminConfig(), Duration.ofMinutes(10));
        status.ready("bench: quiet", "no consumer lag", Duration.between(since, Instant.now()));

        Files.write(
                data.resolve("city-ids.txt"), ids.stream().map(UUID::toString).toList());
        UUID luoyang = seed.cityId(DemoUsers.OFFICER_LUOYANG.cityName(), DemoUsers.OFFICER_LUOYANG.cityCountry())
                .orElseThrow();
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("CITIES_URL", platform.serviceUrl("cities-service"));
        env.put("CLUSTERS_URL", platform.serviceUrl("clusters-service"));
        env.put("MATCHMAKING_URL", platform.serviceUrl("matchmaking-service"));
        env.put("PG_PORT", Integer.toString(platform.ports().postgres()));
        env.put("PG_SUPERUSER_PASSWORD", platform.postgres().superuser().password());
        env.put("KAFKA_BOOTSTRAP", platform.kafkaBootstrapServers());
        env.put("KAFKA_DATA", platform.layout().dataDir().resolve("kafka").toString());
        env.put("TOKEN_ENDPOINT", platform.keycloak().tokenEndpoint());
        env.put("LUOYANG_ID", luoyang.toString());
        env.put("CITY_COUNT", Integer.toString(ids.size()));
        env.put("BENCH_PLATFORM_PID", Long.toString(ProcessHandle.current().pid()));
        StringBuilder text = new StringBuilder();
        env.forEach((k, v) -> text.append(k).append("='").append(v).append("'\n"));
        Path tmp = data.resolve("bench.env.tmp");
        Files.deleteIfExists(tmp);
        // it holds the database superuser's password: its owner only
        Files.createFile(
                tmp,
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text);
        Files.move(tmp, data.resolve("bench.env"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        status.info("bench platform ready: " + data.resolve("bench.env"));

        awaitStop(data.resolve("stop"), Duration.ofMinutes(maxMinutes), status);
        System.exit(0); // the shutdown hook stops the platform
    }

    private static void awaitStop(Path stopFile, Duration max, Status status) throws InterruptedException {
        Thread stdin = new Thread(
                () -> {
                    try {
                        while (System.in.read() >= 0) {
                            // nobody writes; end of input means the script is gone
                        }
                    } catch (IOException ignored) {
                        // treated as end of input
                    }
                    status.info("bench platform: standard input closed, stopping");
                    System.exit(0);
                },
                "stdin-watchdog");
        stdin.setDaemon(true);
        if (System.console() == null) {
            stdin.start();
        }
        Instant deadline = Instant.now().plus(max);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(stopFile)) {
                status.info("bench platform: stop requested");
                return;
            }
            Thread.sleep(200);
        }
        status.info("bench platform: " + max.toMinutes() + " min limit reached, stopping");
    }

    /**
     * Waits until every consumer group has committed the end offset of every partition it reads (short of
     * a final transaction marker), stable for 3 s, so
     * that the load of the set-up (events of 10,000 registrations) does not run under the measurements.
     */
    public static void awaitConsumersCaughtUp(Map<String, String> kafkaAdmin, Duration timeout) throws Exception {
        caughtUpAt(kafkaAdmin, timeout, false);
    }

    /**
     * As {@link #awaitConsumersCaughtUp}, and returns when ({@link System#nanoTime()}) the groups first caught
     * up, the 3 s of stability after it left out; with {@code verbose}, each group's lag every 5 s.
     */
    public static long caughtUpAt(Map<String, String> kafkaAdmin, Duration timeout, boolean verbose) throws Exception {
        return caughtUpAt(kafkaAdmin, timeout, verbose, group -> true);
    }

    /** As {@link #caughtUpAt(Map, Duration, boolean)}, for the consumer groups {@code groups} accepts only. */
    public static long caughtUpAt(
            Map<String, String> kafkaAdmin, Duration timeout, boolean verbose, Predicate<String> groups)
            throws Exception {
        Properties props = new Properties();
        props.putAll(kafkaAdmin);
        try (Admin admin = Admin.create(props)) {
            Instant deadline = Instant.now().plus(timeout);
            long stableSince = -1;
            long reported = System.nanoTime();
            while (Instant.now().isBefore(deadline)) {
                long lag = 0;
                long partitions = 0;
                Map<String, Long> lagByGroup = new java.util.TreeMap<>();
                for (ConsumerGroupListing group :
                        admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                    if (!groups.test(group.groupId())) {
                        continue;
                    }
                    long groupLag = lag;
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                            .partitionsToOffsetAndMetadata()
                            .get(10, TimeUnit.SECONDS);
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                    var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                    for (var e : committed.entrySet()) {
                        long end = ends.get(e.getKey()).offset();
                        long at = e.getValue() == null ? 0 : e.getValue().offset();
                        lag += Math.max(0, end - at);
                        partitions++;
                    }
                    lagByGroup.put(group.groupId(), lag - groupLag);
                }
                if (verbose && System.nanoTime() - reported > TimeUnit.SECONDS.toNanos(5)) {
                    System.out.println("  lag by consumer group: " + lagByGroup);
                    reported = System.nanoTime();
                }
                // the relays publish in transactions: each partition may end with a commit marker that takes
                // an offset no consumer commits, so "caught up" is at most one offset short per partition
                if (lag <= partitions) {
                    if (stableSince < 0) {
                        stableSince = System.nanoTime();
                    } else if (System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(3)) {
                        return stableSince;
                    }
                } else {
                    stableSince = -1;
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("consumers still lagging after " + timeout);
        }
    }

    /** Deletes a folder and everything in it; nothing to do if it does not exist. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear " + dir, e);
        }
    }
}
