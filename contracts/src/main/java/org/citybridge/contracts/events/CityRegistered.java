package org.citybridge.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** A city joined the platform. Key: city id. */
public record CityRegistered(CityProfile city, Instant registeredAt) implements EventPayload {

    @Override
    public UUID aggregateId() {
        return city.cityId();
    }
}
