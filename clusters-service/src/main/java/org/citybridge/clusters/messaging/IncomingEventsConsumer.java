package org.citybridge.clusters.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.citybridge.clusters.service.KnownCityService;
import org.citybridge.contracts.events.CityRegistered;
import org.citybridge.contracts.events.CityRetired;
import org.citybridge.contracts.events.CityUpdated;
import org.citybridge.kit.inbox.EventHandlers;
import org.citybridge.kit.inbox.EventInbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code city-events} into the local city projection. The inbox dedupes on event id,
 * dead-letters malformed records and skips unknown types; other city events (interests) are not
 * needed here and are ignored.
 */
@ApplicationScoped
public class IncomingEventsConsumer {

    private final EventInbox inbox;
    private final EventHandlers cityEvents;

    public IncomingEventsConsumer(EventInbox inbox, KnownCityService cities) {
        this.inbox = inbox;
        this.cityEvents = EventHandlers.builder()
                .on(
                        CityRegistered.class,
                        registered -> cities.applyProfile(registered.city(), registered.registeredAt()))
                .on(CityUpdated.class, updated -> cities.applyProfile(updated.city(), updated.updatedAt()))
                .on(CityRetired.class, retired -> cities.retire(retired.cityId(), retired.retiredAt()))
                .build();
    }

    @Incoming("city-events")
    @Blocking
    public CompletionStage<Void> onCityEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.consume(batch, events -> events.forEach(cityEvents::handle));
    }
}
