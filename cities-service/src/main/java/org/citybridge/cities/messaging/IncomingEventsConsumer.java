package org.citybridge.cities.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citybridge.kit.inbox.EventInbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes the events cities-service reacts to. */
@ApplicationScoped
public class IncomingEventsConsumer {

    private final EventInbox inbox;

    public IncomingEventsConsumer(EventInbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("cluster-events")
    @Blocking
    public void onClusterEvent(ConsumerRecord<String, String> record) {
        inbox.process(record, event -> { });
    }

    @Incoming("matchmaking-events")
    @Blocking
    public void onMatchmakingEvent(ConsumerRecord<String, String> record) {
        inbox.process(record, event -> { });
    }
}
