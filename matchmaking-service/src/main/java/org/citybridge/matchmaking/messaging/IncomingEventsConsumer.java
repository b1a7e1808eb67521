package org.citybridge.matchmaking.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.citybridge.contracts.events.CityUpdated;
import org.citybridge.kit.inbox.EventInbox;
import org.citybridge.kit.inbox.ReceivedEvent;
import org.citybridge.matchmaking.readmodel.EngineLeadership;
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

    @Inject
    EngineLeadership leadership;

    @Incoming("city-events")
    @Blocking
    public CompletionStage<Void> onCityEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.consume(
                batch, (type, headers) -> true, this::changesAnything, readModel::applyAll, this::asLeader);
    }

    /**
     * A profile restated only for partners the engine knows changes nothing, and is passed over before the
     * engine lock: a bulk import of partnerships has cities-service restate thousands, which would otherwise
     * hold up a live event behind the import's chunks. One naming a partner the engine does not know is
     * applied (a read model rebuilt from the topics learns its partnerships from these).
     */
    private boolean changesAnything(ReceivedEvent event) {
        return !(event.headers().restatesPartnersOnly()
                && event.payload() instanceof CityUpdated updated
                && updated.city() != null // one without a profile is applied, and rejected there alone
                && updated.city().cityId() != null
                && updated.city().partners() != null
                && state.knowsPartners(updated.city().cityId(), updated.city().partners()));
    }

    @Incoming("cluster-events")
    @Blocking
    public CompletionStage<Void> onClusterEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.consume(batch, readModel::applyAll, this::asLeader);
    }

    /**
     * Applies under the engine's lock, on the leader only. Records that reach a follower (its partitions
     * before a rebalance took them) wait: the leader reads them again from the last committed offset, and
     * if this instance leads later the inbox skips what was applied meanwhile. Never refused, so never
     * dead-lettered for want of leadership.
     */
    private void asLeader(Runnable work) {
        while (true) {
            leadership.awaitLeading();
            try {
                state.locked(work);
                return;
            } catch (EngineLeadership.NotLeading lost) {
                // lost between the wait and the lock: wait again
            }
        }
    }
}
