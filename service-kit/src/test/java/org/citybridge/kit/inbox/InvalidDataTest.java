package org.citybridge.kit.inbox;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failed effects are dead-lettered at once (the data itself is refused) and which are retried. */
class InvalidDataTest {

    @Test
    void shouldDeadLetterDataThePostgreSqlRefusesAnywhereInTheCauseChain() {
        assertThat(EventInbox.invalidData(wrapped(new SQLException("value too long for type character varying(200)", "22001")))).isTrue();
        assertThat(EventInbox.invalidData(wrapped(new SQLException("invalid input syntax for type uuid", "22P02")))).isTrue();
        assertThat(EventInbox.invalidData(wrapped(new SQLException("numeric field overflow", "22003")))).isTrue();
    }

    @Test
    void shouldRetryEverythingElse() {
        // an outage, a lost race on a unique key and a serialisation failure can all pass on a retry
        assertThat(EventInbox.invalidData(wrapped(new SQLException("Connection refused", "08001")))).isFalse();
        assertThat(EventInbox.invalidData(wrapped(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(EventInbox.invalidData(wrapped(new SQLException("could not serialize access", "40001")))).isFalse();
        assertThat(EventInbox.invalidData(wrapped(new SQLException("no state")))).isFalse();
        assertThat(EventInbox.invalidData(new IllegalStateException("not a database error"))).isFalse();
    }

    private static RuntimeException wrapped(SQLException cause) {
        return new IllegalStateException("could not commit", new RuntimeException("could not execute batch", cause));
    }
}
