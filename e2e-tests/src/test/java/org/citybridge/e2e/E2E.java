package org.citybridge.e2e;

import org.citybridge.infra.KeycloakServer;
import org.citybridge.infra.Ports;
import org.citybridge.launcher.Keycloak;
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
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The platform under test, started once per test JVM exactly as the launcher starts it (same code),
 * on free ports and with its own data folder, so it can run beside a local platform. Classes that
 * need Keycloak only get a lone Keycloak (much quicker); the first class that needs the services
 * replaces it with the whole platform, seed story included.
 */
final class E2E {

    private static KeycloakServer loneKeycloak;
    private static Platform platform;
    private static SeedContext seed;

    private E2E() {}

    private static final Path DATA = Path.of("target", "platform").toAbsolutePath();

    static PlatformLayout layout() {
        return PlatformLayout.ofCheckout().withDataDir(DATA);
    }

    /** Every run starts from empty databases and topics, so no test sees what an earlier run left. */
    static void clearData(Path data) {
        if (!Files.exists(data)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(data)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear " + data, e);
        }
    }

    /** A Keycloak with the realm freshly imported: the platform's if running, else a lone one. */
    static synchronized KeycloakServer keycloak() {
        if (platform != null) {
            return platform.keycloak();
        }
        if (loneKeycloak == null) {
            PlatformLayout layout = layout();
            loneKeycloak = KeycloakServer.start(new KeycloakServer.Options(
                    layout.keycloakHome(),
                    Ports.free(),
                    layout.demoRealmFiles(),
                    Platform.REALM,
                    layout.log("keycloak"),
                    true));
            Runtime.getRuntime().addShutdownHook(new Thread(E2E::stopLoneKeycloak, "stop-e2e-keycloak"));
        }
        return loneKeycloak;
    }

    static Keycloak keycloakClient() {
        return new Keycloak(keycloak(), Platform.REALM);
    }

    /** The whole platform, seeded (cities, officers' city ids, story steps). */
    static synchronized Platform platform() {
        if (platform == null) {
            stopLoneKeycloak();
            clearData(DATA);
            Status status = new Status(System.out);
            platform = Platform.create(layout(), PlatformPorts.free(), status)
                    // webhook retries at most 5 s apart (production: up to an hour), so WebhookE2ETest's minute of
                    // failures is followed by the deliveries within seconds
                    .withServiceEnvironment(Map.of("CITYBRIDGE_WEBHOOKS_BACKOFF_MAX", "5s"))
                    .start(true);
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "stop-e2e-platform"));
            seed = Seeder.run(platform, status);
        }
        return platform;
    }

    /** Seed city ids and demo tokens of the running platform. */
    static SeedContext seed() {
        platform();
        return seed;
    }

    /** Mexico City, seeded: the story's Mexican side. */
    static UUID mexicoCity() {
        return seed().cityId("Mexico City", "MX").orElseThrow();
    }

    /** Luoyang, seeded: the story's Chinese side. */
    static UUID luoyang() {
        return seed().cityId("Luoyang", "CN").orElseThrow();
    }

    private static synchronized void stopLoneKeycloak() {
        if (loneKeycloak != null) {
            loneKeycloak.close();
            loneKeycloak = null;
        }
    }
}
