package org.citybridge.kit.inbox;

/**
 * Thrown by a guard of {@link EventInbox} when this instance may not apply events now (it is stopping, or
 * another instance owns the work): the batch is neither applied, nor dead-lettered, nor acknowledged, so
 * whoever consumes its partitions next reads it again (and the inbox skips what was applied already).
 */
public class Postponed extends RuntimeException {

    public Postponed(String reason) {
        super(reason);
    }
}
