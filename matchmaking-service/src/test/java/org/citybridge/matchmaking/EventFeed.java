package org.citybridge.matchmaking;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.testing.TestEvents;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
                .until(() -> {
                    try (Connection connection = dataSource.getConnection();
                            PreparedStatement statement = connection.prepareStatement(
                                    "select count(*) from processed_event where event_id = any (?)")) {
                        statement.setArray(1, connection.createArrayOf("varchar", eventIds.toArray()));
                        try (ResultSet rs = statement.executeQuery()) {
                            rs.next();
                            return rs.getInt(1) == eventIds.size();
                        }
                    } catch (SQLException e) {
                        return false;
                    }
                });
    }
}
