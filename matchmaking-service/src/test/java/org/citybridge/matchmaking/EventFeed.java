package org.citybridge.matchmaking;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.testing.InboxRows;
import org.citybridge.testing.TestEvents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import static org.awaitility.Awaitility.await;

/**
 * Publishes events as the other services do, on the real broker, and waits until this service has
 * processed every one of them (their ids are in its inbox): a test may then assert that something did
 * <em>not</em> happen, only after the service has seen the events that could have caused it.
 */
@Singleton
class EventFeed {

    private final ObjectMapper mapper;
    private final DataSource dataSource;

    EventFeed(ObjectMapper mapper, DataSource dataSource) {
        this.mapper = mapper;
        this.dataSource = dataSource;
    }

    /** A client of the platform's topics, to close after use. */
    TestEvents events() {
        return new TestEvents(mapper);
    }

    /** Publishes the events in this order and waits until the service has processed them; returns their ids. */
    List<String> publishAndAwait(EventPayload... payloads) {
        return publishAndAwait(List.of(payloads));
    }

    List<String> publishAndAwait(List<? extends EventPayload> payloads) {
        List<String> ids = new ArrayList<>();
        try (TestEvents events = events()) {
            for (EventPayload payload : payloads) {
                ids.add(events.publish(payload));
            }
        }
        awaitConsumed(ids);
        return ids;
    }

    /** Waits until the service has processed every one of these events (their ids are in its inbox). */
    void awaitConsumed(List<String> eventIds) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> InboxRows.processed(dataSource, eventIds) == eventIds.size());
    }

    /** Whether the service has processed this event (passed-over events are not recorded). */
    boolean processed(String eventId) {
        return InboxRows.processed(dataSource, List.of(eventId)) == 1;
    }
}
