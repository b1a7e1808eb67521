package org.citybridge.launcher.seed;

import org.citybridge.infra.ChildProcesses;
import org.citybridge.launcher.PlatformLayout;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The clusters part of the story (organisations, memberships, the December 2020 study course and its
 * survey, the 2022 Mexico City – Luoyang video conference), told by clusters-service's own
 * {@code org.citybridge.clusters.seed.DemoStoryLoader}. It runs from the packaged service's classes in
 * a child JVM with an admin token in {@code CITYBRIDGE_TOKEN}, so the launcher needs no compile-time
 * dependency on a service (arrows point down only).
 */
public final class ClustersStorySeed {

    static final String LOADER = "org.citybridge.clusters.seed.DemoStoryLoader";
    private static final long TIMEOUT_MINUTES = 10;

    private ClustersStorySeed() {
    }

    /** True when the packaged clusters-service contains the loader. */
    public static boolean available(PlatformLayout layout) {
        return Files.isRegularFile(appJar(layout)) && containsLoader(appJar(layout));
    }

    public static void load(PlatformLayout layout, SeedContext context) {
        Path log = layout.log("seed-clusters-story");
        String classPath = appJar(layout) + File.pathSeparator
                + layout.root().resolve("clusters-service/target/quarkus-app/lib/main") + File.separator + "*";
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(ChildProcesses.javaBinary(), "-Xmx128m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-cp", classPath, LOADER, context.clustersUrl(), context.citiesUrl())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().put("CITYBRIDGE_TOKEN", context.adminToken());
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                ChildProcesses.stop(process, 5);
                throw new IllegalStateException("did not finish in " + TIMEOUT_MINUTES + " min, see " + PlatformLayout.display(log));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exited with " + process.exitValue() + ", see " + PlatformLayout.display(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run the story loader: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Path appJar(PlatformLayout layout) {
        Path app = layout.root().resolve("clusters-service/target/quarkus-app/app");
        try (Stream<Path> jars = Files.list(app)) {
            List<Path> found = jars.filter(p -> p.getFileName().toString().endsWith(".jar")).toList();
            return found.isEmpty() ? app.resolve("missing.jar") : found.get(0);
        } catch (IOException e) {
            return app.resolve("missing.jar");
        }
    }

    private static boolean containsLoader(Path jar) {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            return file.getEntry(LOADER.replace('.', '/') + ".class") != null;
        } catch (IOException e) {
            return false;
        }
    }
}
