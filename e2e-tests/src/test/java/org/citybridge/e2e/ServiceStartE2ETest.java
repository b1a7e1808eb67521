package org.citybridge.e2e;

import org.citybridge.launcher.Platform;
import org.citybridge.launcher.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each service, started by the launcher, runs on the class data archive its build recorded (the
 * start-up time target depends on it): the JVM has the archive mapped and did not reject it.
 */
class ServiceStartE2ETest {

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
