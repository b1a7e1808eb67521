package org.citybridge.launcher;

import org.citybridge.infra.KeycloakServer;
import org.citybridge.launcher.seed.Seeder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One command runs the whole platform: {@code java -jar platform-launcher/target/platform-launcher.jar}
 * (or {@code ./run.sh}, which builds first). Ctrl-C stops everything in reverse order.
 *
 * <p>Options: {@code --fresh-realm} imports the Keycloak realm anew; {@code --no-seed} skips the demo
 * story.
 */
public final class PlatformLauncher {

    private PlatformLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> options = List.of(args);
        if (options.contains("--help") || options.contains("-h")) {
            System.out.println("Usage: java -jar platform-launcher/target/platform-launcher.jar [--fresh-realm] [--no-seed]");
            return;
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
        Platform platform = Platform.create(layout, PlatformPorts.defaults(), status);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (platform.hasStarted()) {
                platform.close();
                status.info("CityBridge stopped.");
            }
            stopped.countDown();
        }, "stop-platform"));
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
                status.failed("seed", e.getMessage() + " (service logs in " + PlatformLayout.display(layout.logsDir()) + ")");
            }
        }
        printWelcome(platform, startup);
        stopped.await();
    }

    private static void printWelcome(Platform platform, Duration startup) {
        KeycloakServer keycloak = platform.keycloak();
        StringBuilder text = new StringBuilder();
        text.append(String.format("%nCityBridge is running (started in %d s).%n%n", startup.toSeconds()));
        for (Platform.Service service : Platform.SERVICES) {
            text.append(String.format("  %-20s %s/q/swagger-ui%n", service.name(), platform.serviceUrl(service.name())));
        }
        text.append(String.format("  %-20s %s/admin  (master realm: %s / %s)%n", "Keycloak", keycloak.baseUrl(),
                KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD));
        text.append(String.format("  %-20s %s%n", "OIDC issuer", keycloak.issuer()));
        text.append(String.format("%nA token (demo users; passwords are for local demos only):%n"));
        for (DemoUsers.User user : DemoUsers.ALL) {
            text.append(String.format("  # %s (%s%s)%n", user.username(), user.role(),
                    user.cityName() == null ? "" : ", " + user.cityName()));
            text.append(String.format("  TOKEN=$(curl -s -d grant_type=password -d client_id=%s -d username=%s -d password=%s "
                            + "%s | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')%n",
                    DemoUsers.WEB_CLIENT, user.username(), user.password(), keycloak.tokenEndpoint()));
        }
        text.append(String.format("  # a UN agency system (partner-system, client credentials)%n"));
        text.append(String.format("  TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=%s -d client_secret=%s "
                        + "%s | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')%n",
                DemoUsers.PARTNER_CLIENT, DemoUsers.PARTNER_SECRET, keycloak.tokenEndpoint()));
        text.append(String.format("  curl -s %s/api/v1/cities -H \"Authorization: Bearer $TOKEN\"%n%n",
                platform.serviceUrl("cities-service")));
        text.append("Press Ctrl-C to stop.");
        System.out.println(text);
    }
}
