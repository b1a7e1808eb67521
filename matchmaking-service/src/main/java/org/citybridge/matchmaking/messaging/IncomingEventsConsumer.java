package org.citybridge.matchmaking.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citybridge.kit.inbox.EventInbox;
import org.citybridge.matchmaking.service.MatchmakingState;
import org.citybridge.matchmaking.service.ReadModelService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes city and cluster events into the read model. Each record is applied under the engine lock
 * in one transaction with its inbox entry, so the engine, the database and the proposals change together.
 */
@ApplicationScoped
public class IncomingEventsConsumer {

    private final EventInbox inbox;
    private final MatchmakingState state;
    private final ReadModelService readModel;

    public IncomingEventsConsumer(EventInbox inbox, MatchmakingState state, ReadModelService readModel) {
        this.inbox = inbox;
        this.state = state;
        this.readModel = readModel;
    }

    @Incoming("city-events")
    @Blocking
    public void onCityEvent(ConsumerRecord<String, String> record) {
        state.locked(() -> inbox.process(record, readModel::apply));
    }

    @Incoming("cluster-events")
    @Blocking
    public void onClusterEvent(ConsumerRecord<String, String> record) {
        state.locked(() -> inbox.process(record, readModel::apply));
    }
}
