package org.citybridge.kit.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long the bookkeeping tables keep their rows ({@code citybridge.retention.*}). */
@ConfigMapping(prefix = "citybridge.retention")
public interface RetentionConfig {

    /**
     * How long an {@code Idempotency-Key} is remembered: a retry within it replays the first answer, a
     * request after it is a new request.
     */
    @WithDefault("24h")
    Duration idempotencyKeys();

    /**
     * How long the ids of consumed events are remembered to refuse redeliveries. Must exceed the
     * topics' retention (seven days): an event older than that can no longer be delivered again.
     */
    @WithDefault("P14D")
    Duration processedEvents();

    /** How often expired rows are deleted (the first time shortly after start). */
    @WithDefault("10m")
    Duration pruneInterval();
}
