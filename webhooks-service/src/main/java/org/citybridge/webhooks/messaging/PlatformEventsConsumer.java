package org.citybridge.webhooks.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.citybridge.kit.inbox.EventInbox;
import org.citybridge.webhooks.service.Dispatcher;
import org.citybridge.webhooks.service.EventRecorder;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * Consumes every topic of the platform through the inbox (each event once, undecodable ones to the
 * dead-letter topic) into the event store and the subscriptions' delivery queues, then wakes the
 * dispatcher so a delivery leaves as soon as its event is committed here.
 */
@ApplicationScoped
public class PlatformEventsConsumer {

    private final EventInbox inbox;
    private final EventRecorder recorder;
    private final Dispatcher dispatcher;

    public PlatformEventsConsumer(EventInbox inbox, EventRecorder recorder, Dispatcher dispatcher) {
        this.inbox = inbox;
        this.recorder = recorder;
        this.dispatcher = dispatcher;
    }

    @Incoming("city-events")
    @Blocking
    public CompletionStage<Void> onCityEvents(KafkaRecordBatch<String, String> batch) {
        return consume(batch);
    }

    @Incoming("cluster-events")
    @Blocking
    public CompletionStage<Void> onClusterEvents(KafkaRecordBatch<String, String> batch) {
        return consume(batch);
    }

    @Incoming("matchmaking-events")
    @Blocking
    public CompletionStage<Void> onMatchmakingEvents(KafkaRecordBatch<String, String> batch) {
        return consume(batch);
    }

    private CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return inbox.consume(batch, recorder::record).thenRun(dispatcher::wake);
    }
}
