package org.citybridge.bench.events;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.citybridge.bench.http.BenchPlatform;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.PlatformLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What both event benchmarks need: their arguments, a private copy of the built platform, a producer
 * like the outbox relay's, percentiles, metrics and the written report.
 */
final class BenchSupport {

    static final List<String> SERVICES =
            Platform.SERVICES.stream().map(Platform.Service::name).toList();

    private static final java.util.Deque<Runnable> CLEANUP = new java.util.ArrayDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(BenchSupport::cleanUp, "bench-cleanup"));
    }

    private BenchSupport() {}

    /** Stops what the benchmark started, newest first, also when it is interrupted (Ctrl-C, timeout). */
    static synchronized void onExit(Runnable stop) {
        CLEANUP.push(stop);
    }

    static synchronized void cleanUp() {
        while (!CLEANUP.isEmpty()) {
            try {
                CLEANUP.pop().run();
            } catch (RuntimeException e) {
                System.err.println("clean-up: " + e);
            }
        }
    }

    /** The argument at {@code index} as a number, or {@code defaultValue} when there are fewer arguments. */
    static long argument(String[] args, int index, long defaultValue) {
        return args.length > index ? Long.parseLong(args[index]) : defaultValue;
    }

    static int intArgument(String[] args, int index, int defaultValue) {
        return args.length > index ? Integer.parseInt(args[index]) : defaultValue;
    }

    /** A benchmark's run on its copy of the platform, started at {@code date} (for the report). */
    interface Run {
        void run(PlatformLayout layout, Instant date) throws Exception;
    }

    /**
     * Copies {@code what} of the checkout (see {@link #snapshot(Path, Path, boolean)}) into
     * {@code bench/events/target/<runName>}, runs the benchmark on the copy, stops what it started and
     * exits (the clients' threads would keep the JVM alive).
     */
    static void runAndExit(String runName, String what, boolean withKeycloak, Run bench) throws Exception {
        Path checkout = checkout();
        Path runDir = checkout.resolve("bench/events/target").resolve(runName);
        System.out.println("Copying " + what + " to " + checkout.relativize(runDir));
        PlatformLayout layout = snapshot(checkout, runDir, withKeycloak);
        Instant date = Instant.now();
        try {
            bench.run(layout, date);
        } finally {
            cleanUp();
        }
        System.exit(0);
    }

    /**
     * Copies the packaged services, the realm file and the unpacked Keycloak into {@code runDir}, so a
     * rebuild of the checkout during the run (other people build on the same machine) cannot pull the
     * jars from under the running services.
     */
    static PlatformLayout snapshot(Path checkout, Path runDir, boolean withKeycloak) {
        PlatformLayout built = new PlatformLayout(
                checkout, runDir.resolve("data"), PlatformLayout.ofCheckout().keycloakHome());
        BenchPlatform.deleteRecursively(runDir);
        Path root = runDir.resolve("checkout");
        for (String service : SERVICES) {
            Path app = built.serviceJar(service).getParent();
            if (!Files.isRegularFile(built.serviceJar(service))) {
                throw new IllegalStateException(app + " is missing: build first");
            }
            copy(app, root.resolve(service).resolve("target").resolve("quarkus-app"));
        }
        for (Path realmFile : built.demoRealmFiles()) {
            copy(realmFile, root.resolve(built.root().relativize(realmFile)));
        }
        Path keycloak = runDir.resolve("keycloak");
        if (withKeycloak) {
            copy(built.keycloakHome(), keycloak);
        }
        return new PlatformLayout(root, runDir.resolve("data"), keycloak);
    }

    /** The repository root: the working directory or one of its parents holding {@code bench/events}. */
    static Path checkout() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("bench").resolve("events"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Run from the repository root");
        }
        return dir;
    }

    static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Process cp = new ProcessBuilder("cp", "-a", from.toString(), to.toString())
                    .inheritIO()
                    .start();
            if (cp.waitFor() != 0) {
                throw new IllegalStateException("cannot copy " + from);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A producer of string records that sends as the outbox relay does (every record acknowledged by all
     * in-sync replicas, idempotent), with the benchmark's own batching; {@code kafka}: broker and credential.
     */
    static KafkaProducer<String, String> relayLikeProducer(Map<String, String> kafka, Map<String, String> batching) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.putAll(batching);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Nearest-rank percentile of latencies in nanoseconds, in milliseconds. */
    static double percentileMillis(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }

    /** p50, p95, p99 and max of the latencies (nanoseconds; negative = missing, left out). */
    static double[] summary(long[] nanos) {
        long[] present = Arrays.stream(nanos).filter(v -> v >= 0).sorted().toArray();
        return new double[] {
            percentileMillis(present, 50),
            percentileMillis(present, 95),
            percentileMillis(present, 99),
            present.length == 0 ? Double.NaN : present[present.length - 1] / 1e6,
            present.length
        };
    }

    static String ms(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
    }

    static String ratio(double value, double baseline) {
        return String.format(Locale.ROOT, "%.1f×", value / baseline);
    }

    /**
     * Sum of Prometheus counters over all their labels, from one scrape of {@code /q/metrics} (a scrape costs the
     * measured service a rendering of every series); 0 if absent or unreachable.
     */
    static double counter(HttpClient http, String baseUrl, String... names) {
        return counters(http, baseUrl, names).values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
    }

    /** Each counter summed over its labels, as {@link #counter}, from one scrape; every name present, 0 if absent. */
    static Map<String, Double> counters(HttpClient http, String baseUrl, String... names) {
        Map<String, Double> sums = new LinkedHashMap<>();
        for (String name : names) {
            sums.put(name, 0.0);
        }
        try {
            HttpResponse<Stream<String>> response = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics"))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                return sums;
            }
            try (Stream<String> lines = response.body()) {
                // the value follows the name and labels; an exemplar (" # {trace_id=…} value time") may follow it
                lines.forEach(line -> {
                    for (String name : names) {
                        boolean labelled = line.startsWith(name + "{");
                        if (labelled || line.startsWith(name + " ")) {
                            // the labels' closing brace, not an exemplar's after the value
                            String rest = (labelled
                                            ? line.substring(line.indexOf('}') + 1)
                                            : line.substring(name.length()))
                                    .strip();
                            sums.merge(name, Double.parseDouble(rest.split("\\s+")[0]), Double::sum);
                            return;
                        }
                    }
                });
            }
            return sums;
        } catch (IOException e) {
            return sums;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A report beginning with what was measured, when (UTC, to the minute), on what machine, and the
     * run's details ({@code detailsFormat} with {@code details}).
     */
    static StringBuilder newReport(String what, Instant date, String detailsFormat, Object... details) {
        return new StringBuilder()
                .append(what)
                .append(", ")
                .append(date.toString().substring(0, 16).replace('T', ' '))
                .append(" UTC; ")
                .append(machine())
                .append("; ")
                .append(String.format(Locale.ROOT, detailsFormat, details));
    }

    /** Prints the report and writes it to {@code bench/events/target/<fileName>}. */
    static void writeReport(CharSequence report, String fileName) throws IOException {
        System.out.println();
        System.out.println(report);
        Path result = checkout().resolve("bench/events/target").resolve(fileName);
        Files.writeString(result, report);
        System.out.println("Written to " + checkout().relativize(result));
    }

    /** One line about the machine for the results. */
    static String machine() {
        long memGb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memGb = Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: leave it out
        }
        return Runtime.getRuntime().availableProcessors() + " cores" + (memGb > 0 ? ", " + memGb + " GB RAM" : "")
                + ", Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name");
    }
}
