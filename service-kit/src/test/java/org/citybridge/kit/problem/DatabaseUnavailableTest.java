package org.citybridge.kit.problem;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are the database being away (503), and which stay unexpected errors (500). */
class DatabaseUnavailableTest {

    @Test
    void shouldRecogniseADatabaseThatIsAwayAnywhereInTheCauseChain() {
        assertThat(ProblemMappers.databaseUnavailable(wrapped(new SQLException("Connection refused", "08001")))).isTrue();
        assertThat(ProblemMappers.databaseUnavailable(wrapped(new SQLException("I/O error", "08006")))).isTrue();
        assertThat(ProblemMappers.databaseUnavailable(
                wrapped(new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(ProblemMappers.databaseUnavailable(wrapped(new SQLException("too many clients", "53300")))).isTrue();
        // the pool's two timeouts: no free connection, and no new connection opened in time
        assertThat(ProblemMappers.databaseUnavailable(wrapped(new SQLException("Sorry, acquisition timeout!")))).isTrue();
        assertThat(ProblemMappers.databaseUnavailable(
                wrapped(new SQLException("Acquisition timeout while waiting for new connection")))).isTrue();
    }

    @Test
    void shouldLeaveOtherFailuresUnexpected() {
        assertThat(ProblemMappers.databaseUnavailable(wrapped(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(ProblemMappers.databaseUnavailable(wrapped(new SQLException("protocol violation", "08P01")))).isFalse();
        assertThat(ProblemMappers.databaseUnavailable(wrapped(new SQLException("no state")))).isFalse();
        assertThat(ProblemMappers.databaseUnavailable(new IllegalStateException("not a database error"))).isFalse();
    }

    private static RuntimeException wrapped(SQLException cause) {
        return new IllegalStateException("transaction failed", new RuntimeException("JDBC exception", cause));
    }
}
