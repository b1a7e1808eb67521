package org.citybridge.matchmaking.ranking;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The reference the indexed rankings are checked against: score the city against every other city and
 * keep the best N (score descending, ties by partner id, at least the minimum score), with nothing
 * pruned and no index used. With an exposure cap, every city's audience (its best {@code exposureCap}) is
 * computed the same way, and a city's proposals are the best N of the cities whose audience holds it.
 */
public final class BruteForce {

    private BruteForce() {}

    public static List<Ranked> rank(MatchEngine engine, UUID cityId) {
        int cap = engine.settings().exposureCap();
        if (cap == 0) {
            return best(scores(engine, cityId), engine.settings().topN());
        }
        List<Ranked> candidates = new ArrayList<>();
        for (Ranked other : scores(engine, cityId)) {
            List<Ranked> audience =
                    best(scores(engine, other.partner()), engine.settings().listSize());
            if (audience.stream().anyMatch(r -> r.partner().equals(cityId))) {
                candidates.add(other);
            }
        }
        return best(candidates, engine.settings().topN());
    }

    /** Every proposed pair the city is in, best first: its proposals and those of the cities proposing it. */
    public static List<Ranked> proposedWith(MatchEngine engine, UUID cityId, List<UUID> everyCity) {
        List<Ranked> shown = new ArrayList<>(rank(engine, cityId));
        for (UUID other : everyCity) {
            if (shown.stream().anyMatch(r -> r.partner().equals(other))) {
                continue;
            }
            rank(engine, other).stream()
                    .filter(r -> r.partner().equals(cityId))
                    .findFirst()
                    .ifPresent(r -> shown.add(new Ranked(other, r.score())));
        }
        shown.sort(Ranked.BEST_FIRST);
        return shown;
    }

    /** Every other city with its score, where at least the minimum. */
    private static List<Ranked> scores(MatchEngine engine, UUID cityId) {
        List<Ranked> all = new ArrayList<>();
        engine.scoreAgainstAll(cityId, (other, score) -> {
            if (score >= engine.settings().minScore()) {
                all.add(new Ranked(other, score));
            }
        });
        return all;
    }

    private static List<Ranked> best(List<Ranked> candidates, int n) {
        List<Ranked> sorted = new ArrayList<>(candidates);
        sorted.sort(Ranked.BEST_FIRST);
        return List.copyOf(sorted.subList(0, Math.min(sorted.size(), n)));
    }
}
