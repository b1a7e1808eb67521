package org.citybridge.kit.outbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Which instance of a service relays its outbox: the one holding a session-level advisory lock in the
 * service's own PostgreSQL. The lock lives as long as the session that took it, so when the leader
 * dies (or loses its database) PostgreSQL releases it at once and another instance takes it at its
 * next try; no lease to expire, no clock to trust.
 *
 * <p>The lock alone cannot stop a leader that lost its session in the middle of a round from
 * finishing that round: the relay's transactional producer does (see {@link OutboxRelay}).
 */
@ApplicationScoped
public class RelayLeadership {

    /** One key per database; each service has a database of its own. */
    public static final long LOCK_KEY = 0x0C17_B21D_6E00_0001L;

    private final AgroalDataSource dataSource;
    private Connection session;

    public RelayLeadership(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Whether this instance leads: takes the lock if it is free, or checks that the session holding it
     * is still alive. A false answer after a true one means the leadership is lost.
     */
    public synchronized boolean holds() {
        try {
            if (session != null) {
                if (session.isValid(2)) {
                    return true;
                }
                try {
                    session.abort(Runnable::run); // dead: the pool must not lend it again
                } catch (SQLException e) {
                    // gone already
                }
                session = null;
                return false;
            }
            Connection candidate = dataSource.getConnection();
            boolean taken = false;
            try {
                candidate.setAutoCommit(true);
                try (PreparedStatement lock = candidate.prepareStatement("select pg_try_advisory_lock(?)")) {
                    lock.setLong(1, LOCK_KEY);
                    try (ResultSet rs = lock.executeQuery()) {
                        taken = rs.next() && rs.getBoolean(1);
                    }
                }
            } finally {
                if (taken) {
                    session = candidate; // kept open: the lock is the session's
                } else {
                    candidate.close();
                }
            }
            return taken;
        } catch (SQLException e) {
            drop();
            return false;
        }
    }

    /** Gives the leadership up (at shutdown), so another instance takes over without waiting. */
    public synchronized void release() {
        if (session == null) {
            return;
        }
        try (PreparedStatement unlock = session.prepareStatement("select pg_advisory_unlock(?)")) {
            unlock.setLong(1, LOCK_KEY);
            unlock.execute();
        } catch (SQLException e) {
            // the session is gone: so is its lock
        }
        drop();
    }

    private void drop() {
        if (session != null) {
            try {
                // a pooled connection returns to the pool: it must not keep the lock; one whose session
                // died is discarded by the pool
                session.close();
            } catch (SQLException e) {
                // already gone
            }
            session = null;
        }
    }
}
