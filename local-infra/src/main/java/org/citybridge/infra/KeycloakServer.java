package org.citybridge.infra;

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
import java.util.List;
import java.util.Map;

/**
 * A real Keycloak server (the {@code org.keycloak:keycloak-quarkus-dist} distribution, unpacked by the
 * build) in development mode, with the CityBridge realm imported and the issuer pinned to
 * {@code http://127.0.0.1:<port>}, so tokens fetched by a client and checked by a service agree on it.
 *
 * <p>The distribution folder is reused between starts: the first start after unpacking rebuilds
 * Keycloak (about 25 s), later starts take 8–15 s. Its realm data live in {@code data/h2} of that
 * folder; {@link Options#freshRealm()} removes them so the realm file is imported anew.
 *
 * <p>At every start the master realm (the console's) gets brute-force protection, which Keycloak
 * leaves off there.
 */
public final class KeycloakServer implements AutoCloseable {

    /** The bootstrap administrator of the master realm (local runs and tests only). */
    public static final String ADMIN_USER = "kcadmin";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final Options options;
    private InstallationSecrets console;
    private Process process;

    /**
     * How to start Keycloak.
     *
     * @param home       the unpacked distribution (contains {@code bin/kc.sh})
     * @param port       HTTP port on 127.0.0.1
     * @param realmFiles realm export imported at start (skipped by Keycloak if the realm exists), then
     *                   overlays merged into it ({@link RealmFiles#merge}), such as the demo accounts
     * @param realm      the realm name, for the readiness check
     * @param log        file receiving Keycloak's output
     * @param freshRealm drop the stored realm data first, so the realm file is imported anew
     */
    public record Options(Path home, int port, List<Path> realmFiles, String realm, Path log, boolean freshRealm) {
        public Options {
            realmFiles = List.copyOf(realmFiles);
        }
    }

    private KeycloakServer(Options options) {
        this.options = options;
    }

    /** Starts Keycloak and waits until the realm's discovery document answers. */
    public static KeycloakServer start(Options options) {
        KeycloakServer server = new KeycloakServer(options);
        server.start();
        return server;
    }

    private void start() {
        Path home = options.home();
        Path kc = home.resolve("bin").resolve("kc.sh");
        if (!Files.isRegularFile(kc)) {
            throw new IllegalStateException("No Keycloak distribution in " + home + " (build the module first)");
        }
        try {
            Path consoleFile = home.resolve("data").resolve("console-admin.properties");
            if (options.freshRealm() || !Files.exists(consoleFile)) {
                // the console's administrator is made with the realm data: new data for a new password
                KafkaServer.deleteRecursively(home.resolve("data").resolve("h2"));
            }
            console = InstallationSecrets.ensure(consoleFile, List.of(ADMIN_USER));
            Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
            RealmFiles.write(options.realmFiles(), imports.resolve(options.realm() + "-realm.json"));
            Files.createDirectories(options.log().toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(ChildProcesses.detachedFromTerminal(List.of(
                            "bash",
                            kc.toString(),
                            "start-dev",
                            "--http-host=127.0.0.1",
                            "--http-port=" + options.port(),
                            "--hostname=" + baseUrl(),
                            "--import-realm")))
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(
                            ProcessBuilder.Redirect.appendTo(options.log().toFile()));
            Map<String, String> env = builder.environment();
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", console.password(ADMIN_USER));
            // Bounded heap and C1 only: about 330 MB RSS instead of 700 MB, at no visible cost for a demo.
            env.put("JAVA_OPTS_KC_HEAP", "-Xms32m -Xmx256m -XX:TieredStopAtLevel=1");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak did not start", e);
        }
        awaitReady();
        protectConsoleRealm();
    }

    /**
     * Turns on brute-force protection in the master realm: a password guessed at the console locks the
     * account for a while (Keycloak's defaults: 30 failures, waits growing from one minute).
     */
    private void protectConsoleRealm() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            String form = "grant_type=password&client_id=admin-cli&username=" + ADMIN_USER + "&password="
                    + java.net.URLEncoder.encode(adminPassword(), java.nio.charset.StandardCharsets.UTF_8);
            HttpResponse<String> token = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/realms/master/protocol/openid-connect/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (token.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused the console administrator: " + token.statusCode());
            }
            String accessToken = JSON.readTree(token.body()).get("access_token").asText();
            HttpResponse<String> update = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms/master"))
                            .header("Authorization", "Bearer " + accessToken)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"bruteForceProtected\":true}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (update.statusCode() != 204) {
                throw new IllegalStateException("Keycloak did not protect its master realm: " + update.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak did not protect its master realm", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Keycloak exited with " + process.exitValue() + "; see " + options.log());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException("Keycloak not ready after " + READY_TIMEOUT + "; see " + options.log());
    }

    /** The console administrator's password, made for this installation ({@link #adminPasswordFile()}). */
    public String adminPassword() {
        return console.password(ADMIN_USER);
    }

    /** Where the console administrator's password is kept, readable by its owner only. */
    public Path adminPasswordFile() {
        return console.file();
    }

    /** Stops Keycloak with SIGTERM (clean in about 2 s), then kills it and its descendants if needed. */
    public synchronized void stop() {
        ChildProcesses.stop(process, 30);
        process = null;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** {@code http://127.0.0.1:<port>}: also the pinned hostname, hence the token issuer's prefix. */
    public String baseUrl() {
        return "http://127.0.0.1:" + options.port();
    }

    /** The issuer of the realm's tokens, which is also the services' {@code quarkus.oidc.auth-server-url}. */
    public String issuer() {
        return baseUrl() + "/realms/" + options.realm();
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public int port() {
        return options.port();
    }

    @Override
    public void close() {
        stop();
    }
}
