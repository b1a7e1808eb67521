package org.citybridge.clusters.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps at the precision that survives PostgreSQL and JSON round trips unchanged. */
final class Clock {

    private Clock() {
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
