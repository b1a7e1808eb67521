package org.citybridge.kit.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the outbox relay ({@code citybridge.outbox.*}). */
@ConfigMapping(prefix = "citybridge.outbox")
public interface OutboxConfig {

    /**
     * Whether this instance takes part in relaying the outbox to Kafka (only the leader among those that
     * do publishes); off for instances that must never publish, such as a replay's.
     */
    @WithDefault("true")
    boolean enabled();

    /** Events read and sent per round. */
    @WithDefault("500")
    int batchSize();

    /**
     * How often the outbox is checked when no commit wakes the relay, and how often an instance that
     * does not lead tries to take the lead.
     */
    @WithDefault("500ms")
    Duration pollInterval();

    /** Longest wait between retries while the broker is unreachable. */
    @WithDefault("5s")
    Duration maxBackoff();

    /** How long reading the topics' tail may take before the reconciliation counts as failed. */
    @WithDefault("15s")
    Duration sendTimeout();

    /**
     * How long published events stay in the outbox (for inspection) before they are deleted; events
     * not yet published are never deleted.
     */
    @WithDefault("P7D")
    Duration retention();

    /** How often published events older than the retention are deleted. */
    @WithDefault("10m")
    Duration pruneInterval();
}
