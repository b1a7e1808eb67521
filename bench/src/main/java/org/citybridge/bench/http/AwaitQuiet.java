package org.citybridge.bench.http;

import java.time.Duration;

/**
 * Waits until every consumer group on the broker has caught up (no lag for 3 s), so that one
 * benchmark's events are not still being processed under the next one. Usage:
 * {@code AwaitQuiet <bootstrap servers> <timeout seconds> <the broker's data directory>} (the administrator's
 * credential is there); prints how long it waited, or that the time ran
 * out (exit code 0 either way).
 */
public final class AwaitQuiet {

    private AwaitQuiet() {}

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        try {
            BenchPlatform.awaitConsumersCaughtUp(
                    org.citybridge.infra.KafkaCredentials.read(java.nio.file.Path.of(args[2]))
                            .clientConfig(args[0], org.citybridge.infra.KafkaCredentials.ADMIN),
                    Duration.ofSeconds(Long.parseLong(args[1])));
            System.out.printf("consumers caught up after %.1f s%n", (System.nanoTime() - t0) / 1e9);
        } catch (IllegalStateException e) {
            // the next measurement runs anyway; the raw output says it ran beside a busy consumer
            System.out.printf("consumers still lagging after %.1f s; going on%n", (System.nanoTime() - t0) / 1e9);
        }
    }
}
