package org.citybridge.cities.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.citybridge.cities.service.CityService;
import org.citybridge.cities.service.InterestService;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.PartnershipFormed;
import org.citybridge.contracts.events.SurveyResponseRecorded;
import org.citybridge.kit.inbox.EventHandlers;
import org.citybridge.kit.inbox.EventInbox;
import org.citybridge.kit.inbox.ReceivedEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * The events cities-service reacts to: survey responses become interests of the responding city,
 * formed partnerships become partners of both cities. Other types on these topics are not ours.
 */
@ApplicationScoped
public class IncomingEventsConsumer {

    private final EventInbox inbox;
    private final EventHandlers clusterEvents;
    private final CityService cities;

    public IncomingEventsConsumer(EventInbox inbox, InterestService interests, CityService cities) {
        this.inbox = inbox;
        this.clusterEvents = EventHandlers.builder()
                .on(SurveyResponseRecorded.class, interests::applySurveyResponse)
                .build();
        this.cities = cities;
    }

    @Incoming("cluster-events")
    @Blocking
    public CompletionStage<Void> onClusterEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.consume(batch, clusterEvents);
    }

    @Incoming("matchmaking-events")
    @Blocking
    public CompletionStage<Void> onMatchmakingEvents(KafkaRecordBatch<String, String> batch) {
        // a poll's partnerships together: a city named by several of them is announced once, after all of them
        // proposals, the most frequent, are passed over unread
        return inbox.consume(
                batch,
                EventType.PARTNERSHIP_FORMED::equals,
                events -> cities.recordPartnerships(events.stream()
                        .map(ReceivedEvent::payload)
                        .map(PartnershipFormed.class::cast)
                        .toList()),
                Runnable::run);
    }
}
