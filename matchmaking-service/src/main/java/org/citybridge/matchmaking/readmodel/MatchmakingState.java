package org.citybridge.matchmaking.readmodel;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.matchmaking.model.ModelService;
import org.citybridge.matchmaking.ranking.MatchEngine;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Owns the in-memory scoring core and serialises every use of it. The engine is rebuilt from the
 * database on first use and whenever a write failed after touching it (a rolled-back transaction
 * must not leave the memory ahead of the database). The lock spans the whole transaction, commit
 * included, so the engine and the database change in the same order. Only the instance that leads the
 * engine ({@link EngineLeadership}) has one; on the others, work that needs it is refused (503).
 */
@ApplicationScoped
public class MatchmakingState {

    private static final Logger LOG = Logger.getLogger(MatchmakingState.class);

    private final ReentrantLock lock = new ReentrantLock(true);

    @Inject
    ReadModelLoader loader;

    @Inject
    ModelService models;

    @Inject
    EngineLeadership leadership;

    @Inject
    Event<EngineLoaded> loadedEvents;

    /**
     * An engine was loaded whose ranking differs from some stored proposals ({@link MatchEngine#reconcile}): they
     * are set right a chunk at a time ({@link MatchEngine#drainUnsynced}). Fired under the lock, outside any
     * transaction.
     */
    public record EngineLoaded(int unsynced) {}

    private MatchEngine engine;
    private boolean stale = true;
    /** The engine for the one read that needs no lock ({@link #knowsPartners}); null until it is (re)loaded. */
    private volatile MatchEngine loaded;

    /** Runs work that may change the engine, under the lock; the work opens its own transaction. */
    public <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            if (!leadership.leads()) {
                throw new EngineLeadership.NotLeading();
            }
            ensureLoaded();
            return work.get();
        } catch (ApiException e) {
            throw e; // rejected requests fail before they touch the engine
        } catch (RuntimeException | Error e) {
            stale = true;
            loaded = null;
            throw e;
        } finally {
            lock.unlock();
        }
    }

    public void locked(Runnable work) {
        locked(() -> {
            work.run();
            return null;
        });
    }

    /** The engine; only inside {@link #locked}. */
    public MatchEngine engine() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("The matchmaking engine is used only under its lock");
        }
        return engine;
    }

    /**
     * Whether the engine knows a partnership of the city with each of these, without waiting for the lock: a
     * consumer passes over a profile restated for them rather than queue behind an import. False on a
     * follower, while no engine is loaded, and after a failed write until it is loaded again. A write in
     * progress may show partnerships not committed yet; no restatement names those, since cities-service
     * restates only partnerships this service committed and announced.
     */
    public boolean knowsPartners(UUID cityId, Collection<UUID> partnerIds) {
        MatchEngine current = loaded;
        return current != null && leadership.leads() && current.knowsPartners(cityId, partnerIds);
    }

    /** Forces a rebuild from the database on next use (e.g. after configuration changes). */
    public void invalidate() {
        lock.lock();
        try {
            stale = true;
            loaded = null;
        } finally {
            lock.unlock();
        }
    }

    private void ensureLoaded() {
        if (!stale) {
            return;
        }
        long started = System.nanoTime();
        engine = QuarkusTransaction.requiringNew().call(this::load);
        stale = false;
        loaded = engine;
        LOG.infof(
                "Matchmaking engine loaded: %d cities in %d ms",
                engine.size(), (System.nanoTime() - started) / 1_000_000);
        int unsynced = engine.unsynced();
        if (unsynced > 0) {
            LOG.infof("%d stored proposals are not what the loaded engine proposes: a job sets them right", unsynced);
            try {
                loadedEvents.fire(new EngineLoaded(unsynced));
            } catch (RuntimeException e) {
                // the engine stands; its next load finds the same pairs again
                LOG.warnf(e, "The stored proposals that differ are left for the engine's next load");
            }
        }
    }

    private MatchEngine load() {
        return loader.load(models.settings(models.active()), Set.of(), true);
    }
}
