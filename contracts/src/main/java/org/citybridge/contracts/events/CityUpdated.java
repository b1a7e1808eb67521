package org.citybridge.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** A city's public profile changed; carries the full new profile. Key: city id. */
public record CityUpdated(CityProfile city, Instant updatedAt) implements EventPayload {

    @Override
    public UUID aggregateId() {
        return city.cityId();
    }
}
