package org.citybridge.matchmaking.ranking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The reference the indexed rankings are checked against: score the city against every other city and
 * keep the best N (score descending, ties by partner id, at least the minimum score), with nothing
 * pruned and no index used. With an exposure cap, every city's audience (its best {@code exposureCap}) is
 * computed the same way, and a city's proposals are the best N of the cities whose audience holds it.
 *
 * <p>An instance is the reference for the engine as it is when taken ({@link #of(MatchEngine)}): each
 * city's scores, audience and proposals are computed once and reused, so checking every city stays
 * quadratic under a cap instead of growing with the fourth power of the cities. Take a new one after the
 * engine has changed.
 */
public final class BruteForce {

    private final MatchEngine engine;
    private final Map<UUID, List<Ranked>> scores = new HashMap<>();
    private final Map<UUID, List<Ranked>> audiences = new HashMap<>();
    private final Map<UUID, List<Ranked>> rankings = new HashMap<>();

    private BruteForce(MatchEngine engine) {
        this.engine = engine;
    }

    /** The reference for the engine's current state. */
    public static BruteForce of(MatchEngine engine) {
        return new BruteForce(engine);
    }

    /** One city's reference proposals, for a check of a single city. */
    public static List<Ranked> rank(MatchEngine engine, UUID cityId) {
        return of(engine).rank(cityId);
    }

    public List<Ranked> rank(UUID cityId) {
        List<Ranked> ranking = rankings.get(cityId);
        if (ranking == null) {
            ranking = computeRanking(cityId);
            rankings.put(cityId, ranking);
        }
        return ranking;
    }

    private List<Ranked> computeRanking(UUID cityId) {
        if (engine.settings().exposureCap() == 0) {
            return best(scores(cityId), engine.settings().topN());
        }
        List<Ranked> candidates = new ArrayList<>();
        for (Ranked other : scores(cityId)) {
            if (audience(other.partner()).stream().anyMatch(r -> r.partner().equals(cityId))) {
                candidates.add(other);
            }
        }
        return best(candidates, engine.settings().topN());
    }

    /** Every proposed pair the city is in, best first: its proposals and those of the cities proposing it. */
    public List<Ranked> proposedWith(UUID cityId, List<UUID> everyCity) {
        List<Ranked> shown = new ArrayList<>(rank(cityId));
        for (UUID other : everyCity) {
            if (shown.stream().anyMatch(r -> r.partner().equals(other))) {
                continue;
            }
            rank(other).stream()
                    .filter(r -> r.partner().equals(cityId))
                    .findFirst()
                    .ifPresent(r -> shown.add(new Ranked(other, r.score())));
        }
        shown.sort(Ranked.BEST_FIRST);
        return shown;
    }

    /** The cities a city may be proposed to under the cap: its best by score, as many as the list holds. */
    private List<Ranked> audience(UUID cityId) {
        List<Ranked> audience = audiences.get(cityId);
        if (audience == null) {
            audience = best(scores(cityId), engine.settings().listSize());
            audiences.put(cityId, audience);
        }
        return audience;
    }

    /** Every other city with its score, where at least the minimum. */
    private List<Ranked> scores(UUID cityId) {
        List<Ranked> all = scores.get(cityId);
        if (all == null) {
            List<Ranked> found = new ArrayList<>();
            engine.scoreAgainstAll(cityId, (other, score) -> {
                if (score >= engine.settings().minScore()) {
                    found.add(new Ranked(other, score));
                }
            });
            all = List.copyOf(found);
            scores.put(cityId, all);
        }
        return all;
    }

    private static List<Ranked> best(List<Ranked> candidates, int n) {
        List<Ranked> sorted = new ArrayList<>(candidates);
        sorted.sort(Ranked.BEST_FIRST);
        return List.copyOf(sorted.subList(0, Math.min(sorted.size(), n)));
    }
}
