package org.citybridge.bench.http;

import java.time.Duration;

/**
 * Waits until every consumer group on the broker has caught up (no lag for 3 s), so that one
 * benchmark's events are not still being processed under the next one. Usage:
 * {@code AwaitQuiet <bootstrap servers> <timeout seconds>}; prints how long it waited, or that the time ran
 * out (exit code 0 either way).
 */
public final class AwaitQuiet {

    private AwaitQuiet() {}

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        try {
            BenchPlatform.awaitConsumersCaughtUp(args[0], Duration.ofSeconds(Long.parseLong(args[1])));
            System.out.printf("consumers caught up after %.1f s%n", (System.nanoTime() - t0) / 1e9);
        } catch (IllegalStateException e) {
            // the next measurement runs anyway; the raw output says it ran beside a busy consumer
            System.out.printf("consumers still lagging after %.1f s; going on%n", (System.nanoTime() - t0) / 1e9);
        }
    }
}
