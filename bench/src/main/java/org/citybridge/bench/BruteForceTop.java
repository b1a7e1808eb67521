package org.citybridge.bench;

import org.citybridge.matchmaking.ranking.MatchEngine;
import org.citybridge.matchmaking.ranking.Ranked;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The benchmark's baseline: a city's top N by scoring it against every other city with the engine's own
 * scoring, keeping the best N as it goes (score descending, ties by id), with no index and no pruning.
 */
final class BruteForceTop {

    private BruteForceTop() {}

    /** The city's best {@code n}. */
    static List<Ranked> rank(MatchEngine engine, UUID cityId, int n) {
        double min = engine.settings().minScore();
        UUID[] others = new UUID[n];
        double[] scores = new double[n];
        int[] size = {0};
        engine.scoreAgainstAll(cityId, (other, score) -> {
            if (!(score >= min)) {
                return;
            }
            int count = size[0];
            if (count == n && !better(score, other, scores[n - 1], others[n - 1])) {
                return;
            }
            int pos = count == n ? n - 1 : count;
            if (count < n) {
                size[0]++;
            }
            while (pos > 0 && better(score, other, scores[pos - 1], others[pos - 1])) {
                others[pos] = others[pos - 1];
                scores[pos] = scores[pos - 1];
                pos--;
            }
            others[pos] = other;
            scores[pos] = score;
        });
        List<Ranked> ranked = new ArrayList<>(size[0]);
        for (int i = 0; i < size[0]; i++) {
            ranked.add(new Ranked(others[i], scores[i]));
        }
        return ranked;
    }

    private static boolean better(double s1, UUID o1, double s2, UUID o2) {
        return s1 != s2 ? s1 > s2 : o1.compareTo(o2) < 0;
    }
}
