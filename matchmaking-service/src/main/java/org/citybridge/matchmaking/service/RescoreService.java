package org.citybridge.matchmaking.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.citybridge.matchmaking.domain.MatchEngine;
import org.citybridge.matchmaking.domain.PairChange;

import java.time.Instant;
import java.util.List;

/** Full re-score of every city (after a weight change), measured. */
@ApplicationScoped
public class RescoreService {

    /** What a full re-score did. */
    public record RescoreReport(int cities, int changedPairs, long rankingMillis, long totalMillis) {
    }

    private final MatchmakingState state;
    private final ProposalService proposals;

    public RescoreService(MatchmakingState state, ProposalService proposals) {
        this.state = state;
        this.proposals = proposals;
    }

    public RescoreReport rescoreAll() {
        return state.locked(() -> QuarkusTransaction.requiringNew().call(() -> {
            long started = System.nanoTime();
            MatchEngine engine = state.engine();
            int cities = engine.rescoreAll();
            long ranked = System.nanoTime();
            List<PairChange> changes = engine.drainChanges();
            proposals.sync(changes, Instant.now());
            long done = System.nanoTime();
            return new RescoreReport(cities, changes.size(), (ranked - started) / 1_000_000, (done - started) / 1_000_000);
        }));
    }
}
