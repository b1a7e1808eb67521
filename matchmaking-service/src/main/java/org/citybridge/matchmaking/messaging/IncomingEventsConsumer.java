package org.citybridge.matchmaking.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.citybridge.kit.inbox.EventInbox;
import org.citybridge.matchmaking.readmodel.MatchmakingState;
import org.citybridge.matchmaking.readmodel.ReadModelService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * Consumes city and cluster events into the read model, a poll at a time. Each transaction of the
 * inbox runs under the engine lock, so the engine, the database and the proposals change together
 * (a failed transaction makes the engine reload from the database before the next one).
 */
@ApplicationScoped
public class IncomingEventsConsumer {

    @Inject
    EventInbox inbox;

    @Inject
    MatchmakingState state;

    @Inject
    ReadModelService readModel;

    @Incoming("city-events")
    @Blocking
    public CompletionStage<Void> onCityEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.consume(batch, readModel::applyAll, state::locked);
    }

    @Incoming("cluster-events")
    @Blocking
    public CompletionStage<Void> onClusterEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.consume(batch, readModel::applyAll, state::locked);
    }
}
