package org.citybridge.matchmaking.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citybridge.kit.inbox.EventInbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes the events matchmaking-service reacts to. */
@ApplicationScoped
public class IncomingEventsConsumer {

    private final EventInbox inbox;

    public IncomingEventsConsumer(EventInbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("city-events")
    @Blocking
    public void onCityEvent(ConsumerRecord<String, String> record) {
        inbox.process(record, event -> { });
    }

    @Incoming("cluster-events")
    @Blocking
    public void onClusterEvent(ConsumerRecord<String, String> record) {
        inbox.process(record, event -> { });
    }
}
