package org.citybridge.launcher;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-up checks that run before anything heavy is started. */
class PlatformStartTest {

    @Test
    void shouldReportPortInUseBeforeStartingAnything() throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Status status = new Status(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PlatformPorts free = PlatformPorts.free();
            PlatformPorts ports = new PlatformPorts(
                    free.postgres(),
                    free.kafka(),
                    taken.getLocalPort(),
                    free.cities(),
                    free.clusters(),
                    free.matchmaking(),
                    free.webhooks(),
                    free.portal());
            PlatformLayout layout =
                    PlatformLayout.ofCheckout().withDataDir(Files.createTempDirectory("citybridge-launcher"));

            assertThatThrownBy(() -> Platform.start(layout, ports, status, false))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort() + " (Keycloak) is already in use");
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("starting");
    }

    @Test
    void shouldFindTheCheckoutItWasBuiltIn() {
        PlatformLayout layout = PlatformLayout.ofCheckout();

        assertThat(layout.realmFile()).exists();
        assertThat(layout.dataDir()).isEqualTo(layout.root().resolve(".citybridge"));
        assertThat(layout.serviceJar("cities-service").toString())
                .endsWith("cities-service/target/quarkus-app/quarkus-run.jar");
        assertThat(layout.keycloakHome().getFileName().toString()).startsWith("keycloak-26");
    }
}
