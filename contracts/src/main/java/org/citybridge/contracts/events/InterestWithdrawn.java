package org.citybridge.contracts.events;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;

import java.time.Instant;
import java.util.UUID;

/** A city withdrew an interest. Key: city id. */
public record InterestWithdrawn(
        UUID cityId, UUID interestId, CooperationArea area, Stance stance, Intent intent, Instant withdrawnAt)
        implements EventPayload {

    @Override
    public UUID aggregateId() {
        return cityId;
    }
}
