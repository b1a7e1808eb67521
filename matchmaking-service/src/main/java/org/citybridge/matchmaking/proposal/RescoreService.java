package org.citybridge.matchmaking.proposal;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.citybridge.kit.jobs.Job;
import org.citybridge.kit.jobs.Jobs;
import org.citybridge.kit.time.Clock;
import org.citybridge.matchmaking.ranking.MatchEngine;
import org.citybridge.matchmaking.ranking.PairChange;
import org.citybridge.matchmaking.readmodel.MatchmakingState;
import org.citybridge.matchmaking.scoring.MatchSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Re-ranks every city as a job, a chunk of cities at a time: each chunk runs under the engine lock in a
 * transaction of its own (its changed pairs' proposals written with it), and the lock is released between
 * chunks, so events keep being applied meanwhile. At most one re-ranking runs: a new one takes over the
 * cities the previous one had not reached yet.
 */
@ApplicationScoped
public class RescoreService {

    /** Cities re-ranked per locked step: a few hundred milliseconds of work at most. */
    static final int CHUNK = 250;

    /** Stored proposals set right per locked step after a load: only pairs that differ, read without reasons. */
    static final int SYNC_CHUNK = 1_000;

    @Inject
    MatchmakingState state;

    @Inject
    ProposalSync proposals;

    @Inject
    Jobs jobs;

    private final AtomicReference<Object> running = new AtomicReference<>();

    /**
     * Starts re-ranking every city with these settings (null: the current ones, e.g. after a data repair).
     * Reports the cities re-ranked and the pairs whose listing or score changed: none when nothing changed.
     */
    public Job start(String kind, String requestedBy, MatchSettings settings) {
        return jobs.submit(kind, requestedBy, reranking(settings));
    }

    /**
     * Re-ranks every city with the current settings, unless a rescore asked for before is still queued or
     * running (409 naming it): the work is the same, so a second one would only wait for the first.
     */
    public Job rescore(String requestedBy) {
        return jobs.submitExclusive("rescore", requestedBy, reranking(null));
    }

    /** One chunk of re-ranking: how many cities still wait, and how many pairs changed. */
    public record Step(int waiting, int changedPairs) {}

    /**
     * Re-ranks a chunk of the cities waiting for it under the engine lock, in a transaction of its own that
     * writes the changed pairs' proposals; the lock is free again when it returns.
     */
    public Step rerankStep() {
        return state.locked(() -> QuarkusTransaction.requiringNew().call(() -> {
            MatchEngine engine = state.engine();
            int left = engine.rerankSome(CHUNK);
            List<PairChange> changes = engine.drainChanges();
            proposals.apply(changes, Clock.now());
            return new Step(left, changes.size());
        }));
    }

    /**
     * After a load that found stored proposals differing from the engine's ranking (a stop in the middle of a
     * re-ranking left them): a job writes those pairs a chunk at a time, each chunk under the engine lock in a
     * transaction of its own, so events go on being applied in between.
     */
    void onEngineLoaded(@Observes MatchmakingState.EngineLoaded loaded) {
        jobs.submit("proposal-sync", "matchmaking-service", progress -> {
            progress.total(loaded.unsynced());
            long written = 0;
            int left;
            do {
                if (progress.cancelled()) {
                    throw new Jobs.Cancelled("Cancelled after " + written
                            + " pairs; the others are set right when the engine is next loaded");
                }
                int[] step =
                        state.locked(() -> QuarkusTransaction.requiringNew().call(() -> {
                            MatchEngine engine = state.engine();
                            List<PairChange> changes = engine.drainUnsynced(SYNC_CHUNK);
                            proposals.apply(changes, Clock.now());
                            return new int[] {changes.size(), engine.unsynced()};
                        }));
                written += step[0];
                left = step[1];
                progress.done(written);
            } while (left > 0);
            return Map.of("pairs", written);
        });
    }

    private Jobs.Work reranking(MatchSettings settings) {
        Object token = new Object();
        return progress -> {
            running.set(token);
            try {
                return rerankAll(settings, token, progress);
            } finally {
                running.compareAndSet(token, null);
            }
        };
    }

    /** Whether a re-ranking of every city (a rescore, an activated model's) is under way here. */
    public boolean reranking() {
        return running.get() != null;
    }

    private Map<String, Object> rerankAll(MatchSettings settings, Object token, Jobs.Progress progress) {
        long started = System.nanoTime();
        int cities = state.locked(() ->
                state.engine().beginReranking(settings == null ? state.engine().settings() : settings));
        progress.total(cities);
        long changed = 0;
        int remaining = cities;
        while (remaining > 0) {
            if (running.get() != token) {
                throw new Jobs.Cancelled("Superseded by a later re-ranking after " + (cities - remaining) + " of "
                        + cities + " cities; it goes on from there");
            }
            if (progress.cancelled()) {
                throw new Jobs.Cancelled("Cancelled after " + (cities - remaining) + " of " + cities
                        + " cities; the others keep their former lists until the next re-ranking");
            }
            Step step = rerankStep();
            remaining = step.waiting();
            changed += step.changedPairs();
            progress.done(cities - remaining);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("cities", cities);
        result.put("changedPairs", changed);
        result.put("millis", (System.nanoTime() - started) / 1_000_000);
        return result;
    }
}
