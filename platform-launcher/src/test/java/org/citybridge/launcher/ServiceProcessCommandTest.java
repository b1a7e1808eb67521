package org.citybridge.launcher;

import org.citybridge.infra.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceProcessCommandTest {

    /** A child environment without JVM option variables, whatever this JVM's own environment holds. */
    private static final Map<String, String> NO_ENV = Map.of();

    @TempDir
    Path quarkusApp;

    @Test
    void shouldStartWithTheBuildsClassArchiveWhenThereIsOne() throws IOException {
        Path jar = Files.createFile(quarkusApp.resolve("quarkus-run.jar"));
        assertThat(ServiceProcess.command(jar, ServiceProcess.JVM_OPTIONS, NO_ENV))
                .noneMatch(option -> option.contains("SharedArchiveFile"));

        Path archive = Files.createFile(quarkusApp.resolve("app-cds.jsa"));
        List<String> command = ServiceProcess.command(jar, ServiceProcess.JVM_OPTIONS, NO_ENV);

        assertThat(command)
                .containsSubsequence(
                        "-XX:+UseSerialGC",
                        "-XX:SharedArchiveFile=" + archive.toAbsolutePath(),
                        "-jar",
                        jar.toString());
    }

    @Test
    void shouldGiveOptionsTheServicesJvmAcceptsWithoutAWarning() throws Exception {
        assertThat(ServiceProcess.jvmKnows("UseSerialGC")).isTrue();
        assertThat(ServiceProcess.jvmKnows("NoSuchOptionAnywhere")).isFalse();
        assertThat(ServiceProcess.JVM_OPTIONS).noneMatch(option -> option.startsWith("-XX:TieredStopAtLevel"));

        List<String> command = new ArrayList<>(List.of(ChildProcesses.javaBinary()));
        command.addAll(ServiceProcess.JVM_OPTIONS);
        command.add("-version");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS").forEach(builder.environment()::remove);
        Process java = builder.start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(java.waitFor()).as(output).isZero();
        assertThat(output)
                .doesNotContainIgnoringCase("warning")
                .doesNotContain("Unrecognized")
                .doesNotContain("must be enabled");
    }

    @Test
    void shouldNameTheArchiveByItsAbsolutePathWhateverTheJarPath() throws IOException {
        Path jar = Files.createFile(quarkusApp.resolve("quarkus-run.jar"));
        Path archive = Files.createFile(quarkusApp.resolve("app-cds.jsa"));
        Path relativeJar = Path.of("").toAbsolutePath().relativize(jar);

        assertThat(ServiceProcess.command(relativeJar, ServiceProcess.JVM_OPTIONS, NO_ENV))
                .contains("-XX:SharedArchiveFile=" + archive.toAbsolutePath());
    }

    @Test
    void shouldLeaveSharingToOptionsThatSaySomethingOfIt() throws IOException {
        Path jar = Files.createFile(quarkusApp.resolve("quarkus-run.jar"));
        Files.createFile(quarkusApp.resolve("app-cds.jsa"));

        assertThat(ServiceProcess.command(jar, List.of("-Xmx256m", "-Xshare:auto"), NO_ENV))
                .noneMatch(option -> option.contains("SharedArchiveFile"));
        assertThat(ServiceProcess.command(jar, List.of("-XX:SharedArchiveFile=other.jsa"), NO_ENV))
                .filteredOn(option -> option.contains("SharedArchiveFile"))
                .containsExactly("-XX:SharedArchiveFile=other.jsa");
        // options that record an archive or a class list: recording and mapping one at once stops the JVM
        for (String recording : List.of(
                "-XX:ArchiveClassesAtExit=run.jsa",
                "-XX:+AutoCreateSharedArchive",
                "-XX:DumpLoadedClassList=classes.lst",
                "-XX:AOTCache=app.aot")) {
            assertThat(ServiceProcess.command(jar, List.of("-Xmx256m", recording), NO_ENV))
                    .as(recording)
                    .noneMatch(option -> option.contains("SharedArchiveFile"));
        }
    }

    @Test
    void shouldLeaveSharingToTheOptionsTheChildsEnvironmentGivesTheJvm() throws IOException {
        Path jar = Files.createFile(quarkusApp.resolve("quarkus-run.jar"));
        Files.createFile(quarkusApp.resolve("app-cds.jsa"));

        assertThat(ServiceProcess.command(jar, ServiceProcess.JVM_OPTIONS, Map.of("JAVA_TOOL_OPTIONS", "-Xshare:off")))
                .noneMatch(option -> option.contains("SharedArchiveFile"));
        assertThat(ServiceProcess.command(
                        jar,
                        ServiceProcess.JVM_OPTIONS,
                        Map.of("JDK_JAVA_OPTIONS", "-Dx=1 -XX:ArchiveClassesAtExit=run.jsa")))
                .noneMatch(option -> option.contains("SharedArchiveFile"));
        assertThat(ServiceProcess.command(jar, ServiceProcess.JVM_OPTIONS, Map.of("_JAVA_OPTIONS", "-Xshare:off")))
                .noneMatch(option -> option.contains("SharedArchiveFile"));
        // other options there change nothing
        assertThat(ServiceProcess.command(jar, ServiceProcess.JVM_OPTIONS, Map.of("JAVA_TOOL_OPTIONS", "-Xmx300m")))
                .anyMatch(option -> option.startsWith("-XX:SharedArchiveFile="));
    }
}
