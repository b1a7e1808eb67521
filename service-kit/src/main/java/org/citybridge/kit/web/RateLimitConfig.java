package org.citybridge.kit.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Rate limits of the API ({@code citybridge.rate-limits.*}), per caller and instance: requests per minute
 * for each class of route, with bursts up to the same number.
 */
@ConfigMapping(prefix = "citybridge.rate-limits")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /** GET requests per minute. */
    @WithDefault("1200")
    int readsPerMinute();

    /** POST, PUT, PATCH and DELETE requests per minute. */
    @WithDefault("300")
    int writesPerMinute();

    /** Requests per minute to operations marked {@link Expensive}. */
    @WithDefault("10")
    int expensivePerMinute();

    /** Callers remembered at most; beyond it, those idle long enough to be back at a full quota are forgotten. */
    @WithDefault("100000")
    int maxCallers();
}
