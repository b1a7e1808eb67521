package org.citybridge.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** A city was retired: kept for history, no longer proposed or joinable. Key: city id. */
public record CityRetired(UUID cityId, Instant retiredAt) implements EventPayload {

    @Override
    public UUID aggregateId() {
        return cityId;
    }
}
