package org.citybridge.launcher;

import org.citybridge.infra.KeycloakServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the platform's pieces live in a built checkout: the packaged services, the realm file, the
 * unpacked Keycloak distribution, and the folder keeping data and logs between runs.
 *
 * @param root         the repository root (holds {@code deploy/} and the service modules)
 * @param dataDir      data and logs of local runs, {@code <root>/.citybridge} for the launcher
 * @param keycloakHome the unpacked Keycloak distribution
 */
public record PlatformLayout(Path root, Path dataDir, Path keycloakHome) {

    /** The layout of the checkout this launcher was built in, keeping data in {@code .citybridge}. */
    public static PlatformLayout ofCheckout() {
        Path root = checkoutRoot();
        return new PlatformLayout(root, root.resolve(".citybridge"), keycloakHome(root));
    }

    /** The same checkout with its data elsewhere (a test's own folder). */
    public PlatformLayout withDataDir(Path dir) {
        return new PlatformLayout(root, dir, keycloakHome);
    }

    /** The realm a real installation imports: roles, clients and scopes, no accounts, no secrets. */
    public Path realmFile() {
        return root.resolve("deploy").resolve("keycloak").resolve("citybridge-realm.json");
    }

    /** The demo's accounts and the partner client's known secret, merged into the realm by the launcher only. */
    public Path demoRealmFile() {
        return root.resolve("deploy").resolve("keycloak").resolve("demo").resolve("citybridge-realm-demo.json");
    }

    /** The realm as the launcher's demo imports it ({@link KeycloakServer.Options#realmFiles()}). */
    public java.util.List<Path> demoRealmFiles() {
        return java.util.List.of(realmFile(), demoRealmFile());
    }

    public Path serviceJar(String module) {
        return root.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    public Path log(String name) {
        return logsDir().resolve(name + ".log");
    }

    /** Shown to people: relative to the working directory when inside it. */
    public static String display(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? "./" + cwd.relativize(abs) : abs.toString();
    }

    static Path keycloakHome(Path root) {
        String version = launcherProperties().getProperty("keycloak.version");
        return root.resolve("platform-launcher")
                .resolve("target")
                .resolve("keycloak")
                .resolve("keycloak-" + version);
    }

    /**
     * The checkout root: found from the launcher's own jar or classes folder
     * ({@code <root>/platform-launcher/target/...}), else from the working directory upwards.
     */
    static Path checkoutRoot() {
        try {
            Path location = Path.of(PlatformLayout.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            for (Path p = location; p != null; p = p.getParent()) {
                if (isRoot(p)) {
                    return p;
                }
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // fall back to the working directory
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (isRoot(p)) {
                return p;
            }
        }
        throw new IllegalStateException("Run the launcher from a CityBridge checkout (no deploy/keycloak found)");
    }

    private static boolean isRoot(Path p) {
        return Files.isRegularFile(p.resolve("deploy").resolve("keycloak").resolve("citybridge-realm.json"))
                && Files.isRegularFile(p.resolve("pom.xml"));
    }

    private static Properties launcherProperties() {
        try (InputStream in = PlatformLayout.class.getResourceAsStream("/launcher.properties")) {
            Properties props = new Properties();
            props.load(in);
            return props;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
