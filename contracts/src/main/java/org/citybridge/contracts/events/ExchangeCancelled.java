package org.citybridge.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** A planned exchange was cancelled. Key: exchange id. */
public record ExchangeCancelled(UUID exchangeId, String reason, Instant cancelledAt) implements EventPayload {

    @Override
    public UUID aggregateId() {
        return exchangeId;
    }
}
