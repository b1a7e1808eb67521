package org.citybridge.kit.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of event consumption ({@code citybridge.consumer.*}). */
@ConfigMapping(prefix = "citybridge.consumer")
public interface ConsumerConfig {

    /**
     * How long a failing event (e.g. database unreachable) is retried, blocking its partition to keep
     * order, before it goes to the dead-letter topic.
     */
    @WithDefault("2m")
    Duration maxRetryDuration();

    /** Longest wait between two retries of one event. */
    @WithDefault("5s")
    Duration maxBackoff();
}
