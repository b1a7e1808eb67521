package org.citybridge.bench.http;

import org.citybridge.infra.KafkaServer;
import org.citybridge.infra.KeycloakServer;
import org.citybridge.infra.PlatformTopics;
import org.citybridge.infra.Ports;
import org.citybridge.infra.PostgresServer;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.PlatformLayout;
import org.citybridge.launcher.ServiceProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Start time to ready and idle memory of each service, each started alone (the other two services
 * not running) on a free port against running PostgreSQL, Kafka and Keycloak, with the launcher's own
 * JVM options ({@link ServiceProcess#JVM_OPTIONS}) unless others are given.
 *
 * <p>Per service: run 1 starts on an empty database (Flyway creates the schema), runs 2..n restart on the
 * migrated one. Start time is from spawning the JVM until {@code /q/health/ready} answers 200 (polled
 * every 20 ms); Quarkus' own "started in" is read from the log. Idle RSS is {@code VmRSS} of
 * {@code /proc/<pid>/status} after {@code idleSeconds} without requests ({@code VmHWM}, the peak, too).
 *
 * <p>Arguments ({@code key=value}): {@code data} (folder for the infrastructure's data and logs),
 * {@code runs} (default 3), {@code idleSeconds} (default 20), {@code services} (comma separated, default
 * all three), {@code jvm} (JVM options separated by {@code |}, default the launcher's) and {@code label}, or
 * several {@code variant.<label>=<options>} measured one after the other against the same infrastructure
 * (an option {@code env:NAME=value} sets an environment variable of the service instead, and
 * {@code app:<folder>} runs the service from {@code target/<folder>/quarkus-run.jar}, a copy of another
 * build's {@code quarkus-app}, to compare packagings in one run; the option {@code launcher} stands for
 * {@link ServiceProcess#JVM_OPTIONS}, the launcher's defaults).
 * Prints one {@code FOOTPRINT} line per run.
 */
public final class Footprint {

    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");

    private Footprint() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = NamedArgs.parse(args);
        Path data = Path.of(a.get("data")).toAbsolutePath();
        int runs = Integer.parseInt(a.getOrDefault("runs", "3"));
        int idleSeconds = Integer.parseInt(a.getOrDefault("idleSeconds", "20"));
        // variants: label -> JVM options; an option "env:NAME=value" sets an environment variable instead
        Map<String, List<String>> variants = new LinkedHashMap<>();
        a.forEach((key, value) -> {
            if (key.startsWith("variant.")) {
                variants.put(
                        key.substring("variant.".length()),
                        Arrays.asList(value.trim().split("\\s*\\|\\s*")));
            }
        });
        if (variants.isEmpty()) {
            variants.put(
                    a.getOrDefault("label", "launcher"),
                    a.containsKey("jvm")
                            ? Arrays.asList(a.get("jvm").trim().split("\\s*\\|\\s*"))
                            : ServiceProcess.JVM_OPTIONS);
        }
        List<String> wanted =
                Arrays.asList(a.getOrDefault("services", "cities-service,clusters-service,matchmaking-service")
                        .split(","));

        BenchPlatform.deleteRecursively(data);
        Files.createDirectories(data);
        PlatformLayout layout = PlatformLayout.ofCheckout().withDataDir(data);
        List<AutoCloseable> started = new ArrayList<>();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            for (int i = started.size() - 1; i >= 0; i--) {
                                try {
                                    started.get(i).close();
                                } catch (Exception ignored) {
                                    // stopping anyway
                                }
                            }
                        },
                        "stop-footprint"));

        System.out.println("footprint: starting PostgreSQL, Kafka, Keycloak; variants " + variants);
        PostgresServer postgres = PostgresServer.start(data.resolve("postgres"), Ports.free());
        started.add(postgres);
        KafkaServer kafka = KafkaServer.start(data.resolve("kafka"), Ports.free());
        started.add(kafka);
        kafka.createTopics(PlatformTopics.all());
        KeycloakServer keycloak = KeycloakServer.start(new KeycloakServer.Options(
                layout.keycloakHome(),
                Ports.free(),
                layout.demoRealmFiles(),
                Platform.REALM,
                layout.log("keycloak"),
                true));
        started.add(keycloak);

        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        int variantNo = 0;
        for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
            String label = variant.getKey();
            List<String> jvm = variant.getValue().stream()
                    .filter(o -> !o.startsWith("env:") && !o.startsWith("app:"))
                    .flatMap(o -> o.equals("launcher") ? ServiceProcess.JVM_OPTIONS.stream() : Stream.of(o))
                    .toList();
            String app = variant.getValue().stream()
                    .filter(o -> o.startsWith("app:"))
                    .map(o -> o.substring(4))
                    .findFirst()
                    .orElse("quarkus-app");
            variantNo++;
            for (Platform.Service service : Platform.SERVICES) {
                if (!wanted.contains(service.name())) {
                    continue;
                }
                // every variant starts its run 1 on an empty database of its own
                String database = service.database() + "_" + variantNo;
                for (int run = 1; run <= runs; run++) {
                    Map<String, String> env = new LinkedHashMap<>();
                    variant.getValue().stream()
                            .filter(o -> o.startsWith("env:"))
                            .map(o -> o.substring(4))
                            .forEach(
                                    kv -> env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1)));
                    env.putAll(postgres.serviceEnvironment(database));
                    env.putAll(kafka.serviceEnvironment(service.name()));
                    env.put("OIDC_AUTH_SERVER_URL", keycloak.issuer());
                    int port = Ports.free();
                    Path log = layout.log(service.name() + "-" + label + "-" + run);
                    long t0 = System.nanoTime();
                    Path jar = layout.serviceJar(service.name())
                            .getParent()
                            .resolveSibling(app)
                            .resolve("quarkus-run.jar");
                    ServiceProcess process = ServiceProcess.start(service.name(), jar, port, env, log, jvm);
                    started.add(process);
                    double readyMs = awaitReady(http, process, port, t0);
                    Thread.sleep(idleSeconds * 1000L);
                    Map<String, Long> memory = procStatus(process.pid());
                    String nmt = jcmd(process.pid(), "VM.native_memory", "summary");
                    if (nmt != null && nmt.contains("Total:")) {
                        Files.writeString(
                                data.resolve("nmt-" + service.name() + "-" + label + "-" + run + ".txt"), nmt);
                    }
                    String heap = jcmd(process.pid(), "GC.heap_info");
                    process.close();
                    started.remove(process);
                    String startedIn = quarkusStartedIn(log);
                    System.out.printf(
                            Locale.ROOT,
                            "FOOTPRINT label=%s service=%s run=%d database=%s ready_s=%.2f "
                                    + "quarkus_started_s=%s rss_mb=%.1f hwm_mb=%.1f%n",
                            label,
                            service.name(),
                            run,
                            run == 1 ? "empty" : "migrated",
                            readyMs / 1000.0,
                            startedIn,
                            memory.getOrDefault("VmRSS", -1L) / 1024.0,
                            memory.getOrDefault("VmHWM", -1L) / 1024.0);
                    if (heap != null) {
                        System.out.println("  heap: "
                                + heap.lines()
                                        .filter(l -> l.contains("total") || l.contains("Metaspace"))
                                        .map(String::trim)
                                        .reduce((x, y) -> x + " | " + y)
                                        .orElse(""));
                    }
                }
            }
        }
        System.exit(0);
    }

    private static double awaitReady(HttpClient http, ServiceProcess process, int port, long t0) throws Exception {
        HttpRequest probe = HttpRequest.newBuilder(URI.create(process.managementUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        long deadline = t0 + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited, see " + process.log());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - t0) / 1e6;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(process.name() + " not ready after 3 min, see " + process.log());
    }

    static Map<String, Long> procStatus(long pid) throws IOException {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            String[] parts = line.split(":\\s+");
            if (parts.length == 2 && parts[1].endsWith(" kB")) {
                values.put(parts[0], Long.parseLong(parts[1].replace(" kB", "").trim()));
            }
        }
        return values;
    }

    private static String quarkusStartedIn(Path log) throws IOException {
        Matcher m = STARTED.matcher(Files.readString(log));
        return m.find() ? m.group(1) : "?";
    }

    /** Output of {@code jcmd <pid> <command...>} from the running JDK, or null. */
    static String jcmd(long pid, String... command) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        cmd.add(Long.toString(pid));
        cmd.addAll(Arrays.asList(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
