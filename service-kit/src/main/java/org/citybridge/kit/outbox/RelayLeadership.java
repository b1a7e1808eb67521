package org.citybridge.kit.outbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.citybridge.kit.leadership.SessionLock;

/**
 * Which instance of a service relays its outbox: the holder of the relay's {@link SessionLock} in the
 * service's own database.
 *
 * <p>The lock alone cannot stop a leader that lost its session in the middle of a round from
 * finishing that round: the relay's transactional producer does (see {@link OutboxRelay}).
 */
@ApplicationScoped
public class RelayLeadership {

    /** One key per database; each service has a database of its own. */
    public static final long LOCK_KEY = 0x0C17_B21D_6E00_0001L;

    private final SessionLock lock;

    public RelayLeadership(AgroalDataSource dataSource) {
        this.lock = new SessionLock(dataSource, LOCK_KEY);
    }

    /** Whether this instance leads the relay; a false answer after a true one means the leadership is lost. */
    public boolean holds() {
        return lock.holds();
    }

    /** Gives the leadership up (at shutdown), so another instance takes over without waiting. */
    public void release() {
        lock.release();
    }
}
