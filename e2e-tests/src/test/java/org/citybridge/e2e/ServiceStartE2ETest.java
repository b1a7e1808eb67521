package org.citybridge.e2e;

import org.citybridge.launcher.Platform;
import org.citybridge.launcher.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each service, started by the launcher, runs on the class data archive its build recorded (the
 * start-up time target depends on it): the JVM has the archive mapped and did not reject it. And, as
 * every other component the launcher starts, it listens on loopback only.
 */
class ServiceStartE2ETest {

    @Test
    void shouldListenOnLoopbackOnly() throws IOException {
        java.net.InetAddress external =
                java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                        .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                        .filter(a ->
                                a instanceof java.net.Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                        .findFirst()
                        .orElse(null);
        assumeTrue(external != null, "needs an address other than loopback to try");
        Platform platform = E2E.platform();
        for (Platform.Service service : Platform.SERVICES) {
            int port = java.net.URI.create(platform.serviceUrl(service.name())).getPort();
            try (java.net.Socket loopback = new java.net.Socket("127.0.0.1", port)) {
                assertThat(loopback.isConnected())
                        .as("%s on loopback", service.name())
                        .isTrue();
            }
            assertThatThrownBy(() -> {
                        try (java.net.Socket outside = new java.net.Socket()) {
                            outside.connect(new java.net.InetSocketAddress(external, port), 2000);
                        }
                    })
                    .as("%s on %s", service.name(), external)
                    .isInstanceOf(java.net.ConnectException.class);
        }
    }

    @Test
    void shouldRunEachServiceOnTheClassArchiveItsBuildRecorded() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs /proc (Linux) to see a process's mapped files");
        Platform platform = E2E.platform();

        for (Platform.Service service : Platform.SERVICES) {
            ServiceProcess process = platform.service(service.name());
            Path archive = E2E.layout().serviceJar(service.name()).resolveSibling("app-cds.jsa");

            assertThat(archive).as("packaging records the archive").isRegularFile();
            assertThat(Files.readString(Path.of("/proc", Long.toString(process.pid()), "maps")))
                    .as("%s maps its archive", service.name())
                    .contains(archive.toRealPath().toString());
            assertThat(Files.readString(process.log()))
                    .as("%s's JVM accepted the archive", service.name())
                    .doesNotContain("[cds");
        }
    }
}
