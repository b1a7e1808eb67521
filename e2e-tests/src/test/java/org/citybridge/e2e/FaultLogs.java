package org.citybridge.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * When a fault test fails, prints the end of each service's log of the fault platform: the logs live in
 * the test's data folder, which the next run clears, and a CI run keeps only the test output.
 */
final class FaultLogs implements TestWatcher {

    private static final int LINES = 150;

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (String service : List.of(FaultPlatform.CITIES, FaultPlatform.CLUSTERS, FaultPlatform.MATCHMAKING)) {
            Path log = FaultPlatform.log(service);
            System.out.printf(
                    "----- last %d lines of %s (%s failed) -----%n", LINES, service, context.getDisplayName());
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                lines.subList(Math.max(0, lines.size() - LINES), lines.size()).forEach(System.out::println);
            } catch (IOException e) {
                System.out.println("(no log: " + e.getMessage() + ")");
            }
        }
    }
}
