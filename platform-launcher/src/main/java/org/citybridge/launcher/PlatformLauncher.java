package org.citybridge.launcher;

import org.citybridge.infra.ChildProcesses;
import org.citybridge.infra.KeycloakServer;
import org.citybridge.launcher.seed.Seeder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One command runs the whole platform: {@code ./run.sh} builds what is needed and starts this class with
 * {@code platform-launcher/target/platform-launcher.jar} and {@code target/lib/*} on the class path. Ctrl-C stops everything in reverse order.
 *
 * <p>Options: {@code --fresh-realm} imports the Keycloak realm anew; {@code --no-seed} skips the demo
 * story; {@code --replicas N} runs N instances of each service behind a round-robin entry point on the
 * service's usual port; {@code --import FILE…} imports files of cities or partnerships once it is up
 * ({@link FileImport}).
 */
public final class PlatformLauncher {

    private PlatformLauncher() {}

    /** Marks the launcher process that runs the platform in its own session (see {@link #main}). */
    private static final String IN_OWN_SESSION = "--in-own-session";

    public static void main(String[] args) throws InterruptedException {
        List<String> options = List.of(args);
        if (options.contains("--help") || options.contains("-h")) {
            System.out.println(
                    "Usage: java -jar platform-launcher/target/platform-launcher.jar [--fresh-realm] [--no-seed]"
                            + " [--replicas N] [--import FILE...]");
            return;
        }
        int replicas;
        List<Path> imports;
        try {
            replicas = replicas(options);
            String callerDir = System.getenv("CITYBRIDGE_CALLER_DIR");
            imports = FileImport.files(
                    options, Path.of(callerDir == null ? "" : callerDir).toAbsolutePath());
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (!options.contains(IN_OWN_SESSION) && Files.isExecutable(SETSID)) {
            System.exit(runInOwnSession(args));
        }
        if (options.contains(IN_OWN_SESSION)) {
            exitWhenParentIsGone();
        }
        Status status = new Status(System.out);
        PlatformLayout layout;
        try {
            layout = PlatformLayout.ofCheckout();
        } catch (IllegalStateException e) {
            status.info(e.getMessage());
            System.exit(2);
            return;
        }
        Instant since = Instant.now();
        status.info("CityBridge: starting the platform (data and logs in " + PlatformLayout.display(layout.dataDir())
                + "; Ctrl-C stops it)");
        Platform platform =
                Platform.create(layout, PlatformPorts.defaults(), status).withReplicas(replicas);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (platform.hasStarted()) {
                                platform.close();
                                status.info("CityBridge stopped.");
                            }
                            stopped.countDown();
                        },
                        "stop-platform"));
        try {
            platform.start(options.contains("--fresh-realm"));
        } catch (PortInUseException e) {
            status.info(e.getMessage());
            System.exit(1);
        } catch (RuntimeException e) {
            status.info("The platform did not start: " + e.getMessage());
            System.exit(1);
        }
        Duration startup = Duration.between(since, Instant.now());

        if (!options.contains("--no-seed")) {
            try {
                Seeder.run(platform, status);
            } catch (RuntimeException e) {
                // The platform stays up: the APIs are usable, only the demo data is incomplete.
                status.failed(
                        "seed", e.getMessage() + " (service logs in " + PlatformLayout.display(layout.logsDir()) + ")");
            }
        }
        if (!imports.isEmpty()) {
            Keycloak keycloak = new Keycloak(platform.keycloak(), Platform.REALM);
            long[] fetchedAt = {Long.MIN_VALUE};
            String[] token = {null};
            // a token lives five minutes: a long import renews it
            Supplier<String> adminToken = () -> {
                if (System.nanoTime() - fetchedAt[0] > Duration.ofMinutes(2).toNanos()) {
                    token[0] = keycloak.passwordToken(DemoUsers.ADMIN.username(), DemoUsers.ADMIN.password());
                    fetchedAt[0] = System.nanoTime();
                }
                return token[0];
            };
            if (!FileImport.run(platform, adminToken, imports, System.out)) {
                status.info("Not every file was imported (see above); the platform stays up.");
            }
        }
        printWelcome(platform, startup);
        stopped.await();
    }

    /** The number after {@code --replicas} (1 without it). */
    static int replicas(List<String> options) {
        int at = options.indexOf("--replicas");
        if (at < 0) {
            return 1;
        }
        try {
            int replicas = Integer.parseInt(options.get(at + 1));
            if (replicas >= 1 && replicas <= 4) {
                return replicas;
            }
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--replicas takes a number of instances per service, 1 to 4");
    }

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    /**
     * Runs the launcher again in a session of its own and waits for it. A Ctrl-C in the terminal goes
     * to every process of the terminal's foreground group; PostgreSQL (started through pg_ctl) would
     * take it as "shut down now" under the running services. So only this small process stays in the
     * terminal: on Ctrl-C it sends SIGTERM to the real launcher, which stops everything in order.
     */
    private static String absoluteClassPath() {
        return java.util.Arrays.stream(ChildProcesses.classPath().split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static int runInOwnSession(String[] args) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                SETSID.toString(),
                ChildProcesses.javaBinary(),
                "-Xmx192m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                absoluteClassPath(),
                PlatformLauncher.class.getName(),
                IN_OWN_SESSION));
        command.addAll(List.of(args));
        Process launcher;
        try {
            launcher = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            System.err.println("Could not start the launcher: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (launcher.isAlive()) {
                                launcher.destroy();
                                try {
                                    launcher.waitFor(2, TimeUnit.MINUTES);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                        },
                        "stop-launcher"));
        return launcher.waitFor();
    }

    /** The parent holds our standard input open; end of input means it was killed: stop everything. */
    private static void exitWhenParentIsGone() {
        Thread watchdog = new Thread(
                () -> {
                    try {
                        while (System.in.read() >= 0) {
                            // the parent never writes
                        }
                    } catch (IOException ignored) {
                        // treated as end of input
                    }
                    System.exit(0);
                },
                "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void printWelcome(Platform platform, Duration startup) {
        KeycloakServer keycloak = platform.keycloak();
        StringBuilder text = new StringBuilder();
        text.append(String.format("%nCityBridge is running (started in %d s).%n%n", startup.toSeconds()));
        text.append(String.format(
                "  %-20s %s   (the portal: sign in as officer.luoyang, officer.mexico-city or admin)%n",
                Platform.PORTAL, platform.serviceUrl(Platform.PORTAL)));
        for (Platform.Service service : Platform.SERVICES) {
            text.append(String.format(
                    "  %-20s %s/q/swagger-ui   (health, metrics: %s/q/health, /q/metrics)%n",
                    service.name(),
                    platform.serviceUrl(service.name()),
                    platform.service(service.name()).managementUrl()));
        }
        text.append(String.format(
                "  %-20s %s/admin  (master realm: %s, password made for this installation in %s)%n",
                "Keycloak",
                keycloak.baseUrl(),
                KeycloakServer.ADMIN_USER,
                PlatformLayout.display(keycloak.adminPasswordFile())));
        text.append(String.format(
                "  %-20s %s (SASL/SCRAM; passwords made for this installation in %s)%n",
                "Kafka",
                platform.kafkaBootstrapServers(),
                PlatformLayout.display(
                        platform.layout().dataDir().resolve("kafka").resolve("credentials.properties"))));
        text.append(String.format("  %-20s %s%n", "OIDC issuer", keycloak.issuer()));
        text.append(String.format("%nA token (demo users; passwords are for local demos only):%n"));
        for (DemoUsers.User user : DemoUsers.ALL) {
            text.append(String.format(
                    "  # %s (%s%s)%n",
                    user.username(), user.role(), user.cityName() == null ? "" : ", " + user.cityName()));
            text.append(String.format(
                    "  TOKEN=$(curl -s -d grant_type=password -d client_id=%s -d username=%s -d password=%s "
                            + "%s | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')%n",
                    DemoUsers.DEMO_CLIENT, user.username(), user.password(), keycloak.tokenEndpoint()));
        }
        text.append(String.format("  # a UN agency system (partner-system, client credentials)%n"));
        text.append(String.format(
                "  TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=%s -d client_secret=%s "
                        + "%s | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')%n",
                DemoUsers.PARTNER_CLIENT, DemoUsers.PARTNER_SECRET, keycloak.tokenEndpoint()));
        text.append(String.format(
                "  curl -s %s/api/v1/cities -H \"Authorization: Bearer $TOKEN\"%n%n",
                platform.serviceUrl("cities-service")));
        text.append("Press Ctrl-C to stop.");
        System.out.println(text);
    }
}
