package org.citybridge.matchmaking.ranking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The reference the indexed rankings are checked against: score the city against every other city and
 * keep the best N (score descending, ties by partner id, at least the minimum score), with nothing
 * pruned and no index used.
 */
public final class BruteForce {

    private BruteForce() {}

    public static List<Ranked> rank(MatchEngine engine, UUID cityId) {
        List<Ranked> all = new ArrayList<>();
        engine.scoreAgainstAll(cityId, (other, score) -> {
            if (score >= engine.settings().minScore()) {
                all.add(new Ranked(other, score));
            }
        });
        all.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(Ranked::partner));
        return List.copyOf(all.subList(0, Math.min(all.size(), engine.settings().topN())));
    }
}
