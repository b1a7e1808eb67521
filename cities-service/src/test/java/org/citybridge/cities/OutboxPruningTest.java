package org.citybridge.cities;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.citybridge.kit.outbox.OutboxRelay;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Published events leave the outbox after the retention (seven days by default); the others stay. */
@QuarkusTest
class OutboxPruningTest {

    @Inject
    OutboxRelay relay;

    @Inject
    DataSource dataSource;

    /** Rows placed before every other (negative keys), in publication order, as a long-running outbox holds them. */
    private long nextSeq = -1_000_000_000L - ThreadLocalRandom.current().nextLong(1_000_000_000L);

    @Test
    void shouldDeleteOnlyEventsPublishedLongerAgoThanTheRetention() {
        Instant now = Instant.now();
        String longAgo = insertPublished(now.minus(Duration.ofDays(30)));
        String justOverRetention = insertPublished(now.minus(Duration.ofDays(7)).minus(Duration.ofMinutes(5)));
        String yesterday = insertPublished(now.minus(Duration.ofDays(1)));
        String justNow = insertPublished(now);

        relay.prune(); // the relay also runs it every ten minutes, the first time at start

        assertThat(existing(List.of(longAgo, justOverRetention, yesterday, justNow)))
                .containsExactlyInAnyOrder(yesterday, justNow);
        assertThat(relay.prune()).as("nothing left to delete").isZero();
    }

    /** An event row as the relay leaves it once the broker acknowledged it, after the previous one; returns its event id. */
    private String insertPublished(Instant publishedAt) {
        String eventId = UUID.randomUUID().toString();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into outbox_event (seq, event_id, type, source, topic, record_key, payload, occurred_at, published_at)"
                                + " overriding system value"
                                + " values (?, ?, 'org.citybridge.city.retired.v1', '/cities-service', 'city-events', ?, '{}', ?, ?)")) {
            insert.setLong(1, nextSeq++);
            insert.setString(2, eventId);
            insert.setString(3, UUID.randomUUID().toString());
            insert.setTimestamp(4, Timestamp.from(publishedAt.minusSeconds(1)));
            insert.setTimestamp(5, Timestamp.from(publishedAt));
            insert.executeUpdate();
            return eventId;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> existing(List<String> eventIds) {
        return OutboxRows.column(dataSource, "select event_id from outbox_event where event_id = any (?)", eventIds);
    }
}
