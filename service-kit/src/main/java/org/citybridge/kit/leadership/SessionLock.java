package org.citybridge.kit.leadership;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Leadership among the instances of a service: held by the one instance whose database session holds a
 * session-level advisory lock with this key in the service's own PostgreSQL. The lock lives as long as
 * the session that took it, so when the leader dies (or loses its database) PostgreSQL releases it at
 * once and another instance takes it at its next try: no lease to expire, no clock to trust.
 */
public final class SessionLock {

    private final DataSource dataSource;
    private final long key;
    private Connection session;

    public SessionLock(DataSource dataSource, long key) {
        this.dataSource = dataSource;
        this.key = key;
    }

    /**
     * Whether this instance holds the lock: takes it if it is free, or checks that the session holding
     * it is still alive. A false answer after a true one means the lock is lost.
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
                    lock.setLong(1, key);
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

    /** Gives the lock up (at shutdown), so another instance takes over without waiting. */
    public synchronized void release() {
        if (session == null) {
            return;
        }
        try (PreparedStatement unlock = session.prepareStatement("select pg_advisory_unlock(?)")) {
            unlock.setLong(1, key);
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
