package org.citybridge.kit.problem;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures are the database being away (503, retried by the inbox), which are data it refuses
 * (dead-lettered at once by the inbox), and which are neither.
 */
class DatabaseFailuresTest {

    @Test
    void shouldRecogniseADatabaseThatIsAwayAnywhereInTheCauseChain() {
        assertThat(DatabaseFailures.unavailable(wrapped(new SQLException("Connection refused", "08001"))))
                .isTrue();
        assertThat(DatabaseFailures.unavailable(wrapped(new SQLException("I/O error", "08006"))))
                .isTrue();
        assertThat(DatabaseFailures.unavailable(
                        wrapped(new SQLException("terminating connection due to administrator command", "57P01"))))
                .isTrue();
        assertThat(DatabaseFailures.unavailable(wrapped(new SQLException("too many clients", "53300"))))
                .isTrue();
        // the pool's two timeouts: no free connection, and no new connection opened in time
        assertThat(DatabaseFailures.unavailable(wrapped(new SQLException("Sorry, acquisition timeout!"))))
                .isTrue();
        assertThat(DatabaseFailures.unavailable(
                        wrapped(new SQLException("Acquisition timeout while waiting for new connection"))))
                .isTrue();
    }

    @Test
    void shouldRecogniseADatabaseThatWentAwayDuringTheCommit() {
        // the transaction manager reports a failed commit as a RollbackException whose SQL failure is
        // suppressed, not its cause (seen when PostgreSQL stopped in the middle of a commit)
        Exception commit = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        commit.addSuppressed(new SQLException("terminating connection due to administrator command", "57P01"));

        assertThat(DatabaseFailures.unavailable(new RuntimeException("Error invoking subclass method", commit)))
                .isTrue();
    }

    @Test
    void shouldRecogniseDataTheDatabaseRefusesAnywhereInTheCauseChain() {
        assertThat(DatabaseFailures.invalidData(
                        wrapped(new SQLException("value too long for type character varying(200)", "22001"))))
                .isTrue();
        assertThat(DatabaseFailures.invalidData(
                        wrapped(new SQLException("invalid input syntax for type uuid", "22P02"))))
                .isTrue();
        assertThat(DatabaseFailures.invalidData(wrapped(new SQLException("numeric field overflow", "22003"))))
                .isTrue();
        assertThat(DatabaseFailures.invalidData(wrapped(new SQLException("null value in column \"name\"", "23502"))))
                .isTrue();
        assertThat(DatabaseFailures.invalidData(wrapped(new SQLException("violates check constraint", "23514"))))
                .isTrue();
        assertThat(DatabaseFailures.rootCause(wrapped(new SQLException("value too long", "22001"))))
                .hasMessage("value too long");
    }

    @Test
    void shouldLeaveOtherFailuresToRetriesAndUnexpectedErrors() {
        assertThat(DatabaseFailures.unavailable(wrapped(new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(DatabaseFailures.unavailable(wrapped(new SQLException("protocol violation", "08P01"))))
                .isFalse();
        assertThat(DatabaseFailures.unavailable(wrapped(new SQLException("no state"))))
                .isFalse();
        assertThat(DatabaseFailures.unavailable(new IllegalStateException("not a database error")))
                .isFalse();
        // an outage, a lost race on a unique key, a missing referenced row and a serialisation failure can pass on a
        // retry
        assertThat(DatabaseFailures.invalidData(wrapped(new SQLException("Connection refused", "08001"))))
                .isFalse();
        assertThat(DatabaseFailures.invalidData(wrapped(new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(DatabaseFailures.invalidData(wrapped(new SQLException("violates foreign key constraint", "23503"))))
                .isFalse();
        assertThat(DatabaseFailures.invalidData(wrapped(new SQLException("could not serialize access", "40001"))))
                .isFalse();
        assertThat(DatabaseFailures.invalidData(wrapped(new SQLException("no state"))))
                .isFalse();
        assertThat(DatabaseFailures.invalidData(new IllegalStateException("not a database error")))
                .isFalse();
    }

    private static RuntimeException wrapped(SQLException cause) {
        return new IllegalStateException("transaction failed", new RuntimeException("JDBC exception", cause));
    }
}
