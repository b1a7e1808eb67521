package org.citybridge.matchmaking.readmodel;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.matchmaking.config.MatchmakingConfig;
import org.citybridge.matchmaking.partnership.Partnership;
import org.citybridge.matchmaking.proposal.Proposal;
import org.citybridge.matchmaking.ranking.MatchEngine;
import org.citybridge.matchmaking.scoring.DevelopingEconomies;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Owns the in-memory scoring core and serialises every use of it. The engine is rebuilt from the
 * database on first use and whenever a write failed after touching it (a rolled-back transaction
 * must not leave the memory ahead of the database). The lock spans the whole transaction, commit
 * included, so the engine and the database change in the same order.
 */
@ApplicationScoped
public class MatchmakingState {

    private static final Logger LOG = Logger.getLogger(MatchmakingState.class);

    private final ReentrantLock lock = new ReentrantLock(true);

    @Inject
    MatchmakingConfig config;

    @Inject
    EntityManager em;

    private final DevelopingEconomies developing = DevelopingEconomies.load();
    private MatchEngine engine;
    private boolean stale = true;

    /** Runs work that may change the engine, under the lock; the work opens its own transaction. */
    public <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            ensureLoaded();
            return work.get();
        } catch (ApiException e) {
            throw e; // rejected requests fail before they touch the engine
        } catch (RuntimeException | Error e) {
            stale = true;
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

    /** Forces a rebuild from the database on next use (e.g. after configuration changes). */
    public void invalidate() {
        lock.lock();
        try {
            stale = true;
        } finally {
            lock.unlock();
        }
    }

    public DevelopingEconomies developing() {
        return developing;
    }

    private void ensureLoaded() {
        if (!stale) {
            return;
        }
        long started = System.nanoTime();
        engine = QuarkusTransaction.requiringNew().call(this::load);
        stale = false;
        LOG.infof(
                "Matchmaking engine loaded: %d cities in %d ms",
                engine.size(), (System.nanoTime() - started) / 1_000_000);
    }

    private MatchEngine load() {
        MatchEngine fresh = new MatchEngine(config.toSettings(), developing);
        fresh.beginBulk();
        for (City city : City.<City>listAll()) {
            fresh.upsertCity(city.facts());
            if (city.retired) {
                fresh.retireCity(city.id);
            }
        }
        for (Interest interest : Interest.<Interest>listAll()) {
            fresh.expressInterest(interest.cityId, interest.facts());
        }
        for (Cluster cluster : Cluster.<Cluster>listAll()) {
            fresh.nameCluster(cluster.id, cluster.name);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> memberships = em.createNativeQuery("select cluster_id, city_id from mm_membership")
                .getResultList();
        for (Object[] row : memberships) {
            fresh.joinCluster((UUID) row[0], (UUID) row[1]);
        }
        for (Exchange exchange : Exchange.<Exchange>list("held", true)) {
            fresh.exchangeHeld(exchange.id, exchange.title, exchange.startDate, exchange.participants);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> answers = em.createNativeQuery(
                        "select exchange_id, city_id, wants_partnership from mm_survey_answer")
                .getResultList();
        for (Object[] row : answers) {
            fresh.surveyAnswered((UUID) row[0], (UUID) row[1], (Boolean) row[2]);
        }
        for (Partnership partnership : Partnership.<Partnership>listAll()) {
            fresh.partnershipFormed(partnership.cityA, partnership.cityB);
        }
        for (Proposal declined : Proposal.<Proposal>list("status", Proposal.Status.DECLINED)) {
            fresh.declined(declined.cityA, declined.cityB, declined.kind, declined.area());
        }
        fresh.endBulk();
        for (Proposal open :
                Proposal.<Proposal>list("status in ?1 and origin = ?2", Proposal.OPEN, Proposal.Origin.RANKING)) {
            fresh.restoreListed(open.cityA, open.cityB);
        }
        fresh.drainChanges();
        return fresh;
    }
}
