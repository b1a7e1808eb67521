package org.citybridge.kit.time;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The one clock of the services: timestamps at the precision that survives PostgreSQL and JSON round
 * trips unchanged, so a value read back equals the value written and announced.
 */
public final class Clock {

    private Clock() {}

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
