package org.citybridge.launcher;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.citybridge.infra.ChildProcesses;
import org.citybridge.infra.Ports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) run as a child process. */
public final class ServiceProcess implements AutoCloseable {

    /**
     * Small heaps: three services, Keycloak and Kafka share a laptop (or two CI cores). The JIT is the JVM's
     * default (C1, then C2 for hot code): C1 alone starts 0.3–1.1 s sooner but needs ≈ 1.7 times the CPU
     * per request under load, which two cores at 300 req/s cannot give. On Linux the native heap is trimmed
     * every 2 s where the JVM has that as a product option (recent JDK 17 and 21 updates, JDK 23 on): the
     * C2 compiler's freed memory would otherwise stay resident, ≈ 20 MB per service.
     */
    public static final List<String> JVM_OPTIONS = defaultJvmOptions();

    private static List<String> defaultJvmOptions() {
        List<String> options =
                new ArrayList<>(List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:MaxMetaspaceSize=192m"));
        if (System.getProperty("os.name", "").startsWith("Linux") && jvmKnows("TrimNativeHeapInterval")) {
            options.add("-XX:TrimNativeHeapInterval=2000");
        }
        return List.copyOf(options);
    }

    /**
     * Whether this JVM, which also runs the services ({@link ChildProcesses#javaBinary()}), has the option
     * unlocked: experimental and diagnostic options are unknown here unless unlocked.
     */
    static boolean jvmKnows(String option) {
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(option);
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false; // unknown or locked option, or a runtime without the HotSpot management module
        }
    }

    /**
     * The classes Quarkus loads up to the end of static initialisation, archived at build time
     * ({@code quarkus.package.jar.aot.enabled}): loading them from the archive saves 0.1–1.2 s of start-up.
     * A JVM other than the one that built it ignores the archive with a warning.
     */
    static final String CDS_ARCHIVE = "app-cds.jsa";

    private final String name;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int port, int managementPort, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.process = process;
    }

    /** Starts the service; returns at once (see {@link #awaitReady(Duration)}). */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> env, Path log) {
        return start(name, jar, port, env, log, jvmOptions());
    }

    /**
     * {@link #JVM_OPTIONS}, or the options in {@code CITYBRIDGE_SERVICE_JVM_OPTIONS} (separated by spaces)
     * when set: to give the services more memory, or to compare settings in a benchmark.
     */
    static List<String> jvmOptions() {
        String override = System.getenv("CITYBRIDGE_SERVICE_JVM_OPTIONS");
        return override == null || override.isBlank()
                ? JVM_OPTIONS
                : List.of(override.trim().split("\\s+"));
    }

    /**
     * Starts the service with other JVM options (the footprint benchmark compares options). The build's
     * class data sharing archive ({@value #CDS_ARCHIVE} beside the jar) is used when it is there and the
     * options say nothing of sharing themselves ({@code -Xshare:auto} keeps the JDK's own archive only).
     */
    public static ServiceProcess start(
            String name, Path jar, int port, Map<String, String> env, Path log, List<String> jvmOptions) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw install -DskipTests)");
        }
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.deleteIfExists(log);
            ProcessBuilder builder = new ProcessBuilder()
                    .directory(jar.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            // health and metrics are served on a port of their own, apart from the API
            int managementPort = env.containsKey("QUARKUS_MANAGEMENT_PORT")
                    ? Integer.parseInt(env.get("QUARKUS_MANAGEMENT_PORT"))
                    : Ports.free();
            builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
            builder.command(ChildProcesses.detachedFromTerminal(command(jar, jvmOptions, builder.environment())));
            return new ServiceProcess(name, port, managementPort, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(name + " did not start", e);
        }
    }

    /** Options that set class data sharing up themselves: the build's archive is then not added. */
    private static final List<String> SHARING_OPTIONS = List.of(
            "-Xshare",
            "SharedArchiveFile",
            "ArchiveClassesAtExit",
            "AutoCreateSharedArchive",
            "SharedClassListFile",
            "DumpLoadedClassList",
            "UseSharedSpaces",
            "RecordDynamicDumpInfo",
            "AOTCache",
            "AOTMode");

    /** Environment variables the JVM reads options from; a child process inherits them. */
    private static final List<String> OPTIONS_VARIABLES =
            List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    /** {@link #command(Path, List, Map)} for a child that inherits this process's environment. */
    public static List<String> command(Path jar, List<String> jvmOptions) {
        return command(jar, jvmOptions, System.getenv());
    }

    /**
     * The java command line that runs the jar with these options, and with the build's class data archive
     * when it is beside the jar and neither the options nor the child's environment ({@code JAVA_TOOL_OPTIONS},
     * {@code JDK_JAVA_OPTIONS}, {@code _JAVA_OPTIONS}) set sharing up themselves.
     */
    public static List<String> command(Path jar, List<String> jvmOptions, Map<String, String> childEnvironment) {
        List<String> command = new ArrayList<>();
        command.add(ChildProcesses.javaBinary());
        command.addAll(jvmOptions);
        List<String> effectiveOptions = new ArrayList<>(jvmOptions);
        for (String variable : OPTIONS_VARIABLES) {
            effectiveOptions.add(childEnvironment.getOrDefault(variable, ""));
        }
        Path archive = jar.resolveSibling(CDS_ARCHIVE);
        if (Files.isRegularFile(archive)
                && effectiveOptions.stream()
                        .noneMatch(o -> SHARING_OPTIONS.stream().anyMatch(o::contains))) {
            command.add("-XX:SharedArchiveFile=" + archive.toAbsolutePath().normalize());
        }
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /**
     * Waits until {@code /q/health/ready} answers 200 (database, Kafka and migrations are up).
     *
     * @throws IllegalStateException if the process exits or the time runs out; the message names the log
     */
    public void awaitReady(Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "exited with code " + process.exitValue() + ", see " + PlatformLayout.display(log));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            sleep(500);
        }
        throw new IllegalStateException(
                "not ready after " + timeout.toSeconds() + " s, see " + PlatformLayout.display(log));
    }

    public String name() {
        return name;
    }

    /** Where health ({@code /q/health/*}) and metrics ({@code /q/metrics}) are served: not on the API's port. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The API port. */
    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** The operating-system process id (setsid runs java in place: this is the JVM's). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Ends the service at once, as a crash would: SIGKILL on Linux (no shutdown hooks, no graceful
     * stop), then waits until it is gone.
     */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") still runs after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    /** Runs the action once the process ends, whoever ended it. */
    public void onExit(Runnable action) {
        process.onExit().thenRun(action);
    }

    /** SIGTERM (Quarkus shuts down gracefully), SIGKILL after 20 s. */
    @Override
    public void close() {
        ChildProcesses.stop(process, 20);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
