package org.citybridge.clusters.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.citybridge.clusters.service.KnownCityService;
import org.citybridge.contracts.events.CityRegistered;
import org.citybridge.contracts.events.CityRetired;
import org.citybridge.contracts.events.CityUpdated;
import org.citybridge.kit.inbox.EventInbox;
import org.citybridge.kit.inbox.ReceivedEvent;
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
    private final KnownCityService cities;

    public IncomingEventsConsumer(EventInbox inbox, KnownCityService cities) {
        this.inbox = inbox;
        this.cities = cities;
    }

    @Incoming("city-events")
    @Blocking
    public CompletionStage<Void> onCityEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.consume(batch, events -> events.forEach(this::apply));
    }

    private void apply(ReceivedEvent event) {
        switch (event.type()) {
            case CITY_REGISTERED -> {
                CityRegistered registered = (CityRegistered) event.payload();
                cities.applyProfile(registered.city(), registered.registeredAt());
            }
            case CITY_UPDATED -> {
                CityUpdated updated = (CityUpdated) event.payload();
                cities.applyProfile(updated.city(), updated.updatedAt());
            }
            case CITY_RETIRED -> {
                CityRetired retired = (CityRetired) event.payload();
                cities.retire(retired.cityId(), retired.retiredAt());
            }
            default -> {
                // interests and other city facts do not concern clusters-service
            }
        }
    }
}
