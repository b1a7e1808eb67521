package org.citybridge.e2e;

import org.citybridge.launcher.DemoUsers;
import org.citybridge.launcher.Keycloak;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.PlatformLayout;
import org.citybridge.launcher.PlatformPorts;
import org.citybridge.launcher.ServiceProcess;
import org.citybridge.launcher.Status;
import org.citybridge.launcher.http.ApiClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A second platform, only for the fault tests (broker outage, crashes, database restart): they stop
 * Kafka and PostgreSQL and kill services, so they get their own processes, ports and data folder
 * ({@code target/fault-platform}), and a fault that is not repaired cannot spread to the other
 * end-to-end tests. Started once per test JVM, from empty data, without the demo story (the tests make
 * their own cities), and stopped at JVM exit.
 */
final class FaultPlatform {

    static final String CITIES = "cities-service";
    static final String CLUSTERS = "clusters-service";
    static final String MATCHMAKING = "matchmaking-service";

    /**
     * The fault tests' client: they call the APIs from several threads at once and must see every answer
     * as it came, including status 0 while a service is down; a short connect timeout keeps them moving.
     */
    static final ApiClient HTTP = ApiClient.create(Duration.ofSeconds(2));

    private static final HttpClient METRICS =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Path DATA = Path.of("target", "fault-platform").toAbsolutePath();
    private static final Duration TOKEN_REUSE = Duration.ofMinutes(3); // realm access tokens live 5 min

    private static Platform platform;
    private static String adminToken;
    private static Instant adminTokenAt;

    private FaultPlatform() {}

    static synchronized Platform get() {
        if (platform == null) {
            E2E.clearData(DATA);
            // the fault tests write as fast as they can as one admin, far beyond a caller's quota: no rate limits
            // here (RateLimitTest covers them)
            platform = Platform.create(
                            PlatformLayout.ofCheckout().withDataDir(DATA), PlatformPorts.free(), new Status(System.out))
                    .withServiceEnvironment(Map.of("CITYBRIDGE_RATE_LIMITS_ENABLED", "false"))
                    .start(true);
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "stop-fault-platform"));
        }
        return platform;
    }

    /** A service's log on the fault platform, without starting the platform (it may have failed to start). */
    static Path log(String service) {
        return PlatformLayout.ofCheckout().withDataDir(DATA).log(service);
    }

    static String url(String service) {
        return get().serviceUrl(service);
    }

    /** The fault platform's topics, as the tests read them. */
    static EventLog events() {
        return new EventLog(get().kafkaAdminConfig());
    }

    /**
     * Whether an instance's metrics (on its management port) show this line, e.g. a gauge at 1; false if it
     * does not answer.
     */
    static boolean reports(ServiceProcess instance, String metricLine) {
        try {
            // not through HTTP: it asks for JSON, and the metrics endpoint would answer in another format
            HttpResponse<String> metrics = METRICS.send(
                    HttpRequest.newBuilder(URI.create(instance.managementUrl() + "/q/metrics"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return metrics.statusCode() == 200 && metrics.body().contains(metricLine);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@link #HTTP} with a platform-admin token. */
    static ApiClient asAdmin() {
        return HTTP.as(adminToken());
    }

    /** A platform-admin access token from the platform's Keycloak (password grant of the demo admin). */
    static synchronized String adminToken() {
        if (adminToken == null || Instant.now().isAfter(adminTokenAt.plus(TOKEN_REUSE))) {
            Keycloak keycloak = new Keycloak(get().keycloak(), Platform.REALM);
            adminToken = keycloak.passwordToken(DemoUsers.ADMIN.username(), DemoUsers.ADMIN.password());
            adminTokenAt = Instant.now();
        }
        return adminToken;
    }
}
