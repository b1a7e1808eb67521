package org.citybridge.webhooks.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of webhook delivery ({@code citybridge.webhooks.*}). */
@ConfigMapping(prefix = "citybridge.webhooks")
public interface WebhooksConfig {

    /** Targets must be https URLs; only a test or a local run turns this off. */
    @WithDefault("true")
    boolean requireHttps();

    /**
     * Host names or addresses a target may use although they are loopback, private or link-local (a
     * receiver inside the installation's own network, a test's); none by default.
     */
    Optional<List<String>> allowedHosts();

    /** Wait before the second attempt; each further one waits twice as long as the one before. */
    @WithDefault("1s")
    Duration backoffInitial();

    /** Longest wait between two attempts. */
    @WithDefault("1h")
    Duration backoffMax();

    /** How long a delivery is retried; when it runs out the delivery fails and its subscription pauses. */
    @WithDefault("24h")
    Duration retryFor();

    /** How long a target may take to answer. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Deliveries sent at the same time (to different aggregates or subscriptions). */
    @WithDefault("16")
    int concurrency();

    /** Deliveries picked per round. */
    @WithDefault("200")
    int batchSize();

    /** How often the dispatcher looks for due deliveries when no new event wakes it. */
    @WithDefault("200ms")
    Duration pollInterval();

    /** How long the previous secret still signs (as a second signature) after a rotation. */
    @WithDefault("24h")
    Duration previousSecretValidFor();

    /** How long events are kept for replays (and deliveries for their log). */
    @WithDefault("P7D")
    Duration eventRetention();
}
