package org.citybridge.clusters.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.citybridge.clusters.domain.KnownCity;
import org.citybridge.clusters.service.KnownCityService;
import org.citybridge.contracts.events.CityProfile;
import org.citybridge.contracts.events.CityRegistered;
import org.citybridge.contracts.events.CityRetired;
import org.citybridge.contracts.events.CityUpdated;
import org.citybridge.contracts.events.EventType;
import org.citybridge.kit.inbox.EventHandlers;
import org.citybridge.kit.inbox.EventInbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code city-events} into the local city projection. The inbox dedupes on event id,
 * dead-letters malformed records and skips unknown types; other city events (interests), and profiles
 * restated only for new partners, are not needed here and are passed over unread.
 */
@ApplicationScoped
public class IncomingEventsConsumer {

    private static final Set<EventType> PROFILE_TYPES =
            Set.of(EventType.CITY_REGISTERED, EventType.CITY_UPDATED, EventType.CITY_RETIRED);

    private final EventInbox inbox;
    private final KnownCityService cities;

    public IncomingEventsConsumer(EventInbox inbox, KnownCityService cities) {
        this.inbox = inbox;
        this.cities = cities;
    }

    @Incoming("city-events")
    @Blocking
    public CompletionStage<Void> onCityEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.consume(
                batch,
                // a profile restated for its new partners changes nothing kept here
                (type, headers) -> PROFILE_TYPES.contains(type) && !headers.restatesPartnersOnly(),
                events -> {
                    Set<UUID> named = new HashSet<>();
                    EventHandlers.builder()
                            .on(CityRegistered.class, registered -> named.add(cityId(registered.city())))
                            .on(CityUpdated.class, updated -> named.add(cityId(updated.city())))
                            .on(CityRetired.class, retired -> named.add(retired.cityId()))
                            .build()
                            .handleAll(events);
                    named.remove(null); // an event without a city is skipped, and logged, by its handler
                    handlers(cities.readAhead(named)).handleAll(events);
                },
                Runnable::run);
    }

    /** What each city event does here, with the stored cities its poll names read ahead. */
    private EventHandlers handlers(Map<UUID, KnownCity> stored) {
        return EventHandlers.builder()
                .on(
                        CityRegistered.class,
                        registered -> cities.applyProfile(registered.city(), registered.registeredAt(), stored))
                .on(CityUpdated.class, updated -> cities.applyProfile(updated.city(), updated.updatedAt(), stored))
                .on(CityRetired.class, retired -> cities.retire(retired.cityId(), retired.retiredAt()))
                .build();
    }

    private static UUID cityId(CityProfile profile) {
        return profile == null ? null : profile.cityId();
    }
}
