package org.citybridge.matchmaking.proposal;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.citybridge.kit.time.Clock;
import org.citybridge.matchmaking.ranking.MatchEngine;
import org.citybridge.matchmaking.ranking.PairChange;
import org.citybridge.matchmaking.readmodel.MatchmakingState;

import java.util.List;

/** Full re-score of every city (after a weight change), measured. */
@ApplicationScoped
public class RescoreService {

    /** What a full re-score did. */
    public record RescoreReport(int cities, int changedPairs, long rankingMillis, long totalMillis) {}

    @Inject
    MatchmakingState state;

    @Inject
    ProposalSync proposals;

    public RescoreReport rescoreAll() {
        return state.locked(() -> QuarkusTransaction.requiringNew().call(() -> {
            long started = System.nanoTime();
            MatchEngine engine = state.engine();
            int cities = engine.rescoreAll();
            long ranked = System.nanoTime();
            List<PairChange> changes = engine.drainChanges();
            proposals.apply(changes, Clock.now());
            long done = System.nanoTime();
            return new RescoreReport(
                    cities, changes.size(), (ranked - started) / 1_000_000, (done - started) / 1_000_000);
        }));
    }
}
