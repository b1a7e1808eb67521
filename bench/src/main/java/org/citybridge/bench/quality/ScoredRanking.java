package org.citybridge.bench.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleBiFunction;

/**
 * A query city's top list under a score: every city but itself and its known partners is a candidate;
 * ties are broken at random, by a hash of the seed, the query and the candidate, so no method profits
 * from the order of the file.
 */
final class ScoredRanking {

    private ScoredRanking() {}

    static List<Integer> top(
            KnownGraph graph, int query, ToDoubleBiFunction<Integer, Integer> score, long seed, int k) {
        int n = graph.cities.size();
        int[] best = new int[k];
        double[] bestScore = new double[k];
        double[] bestTie = new double[k];
        int size = 0;
        for (int c = 0; c < n; c++) {
            if (c == query || graph.arePartners(query, c)) {
                continue;
            }
            double s = score.applyAsDouble(query, c);
            double tie = tie(seed, query, c);
            if (size == k && !better(s, tie, bestScore[k - 1], bestTie[k - 1])) {
                continue;
            }
            int pos = size == k ? k - 1 : size++;
            while (pos > 0 && better(s, tie, bestScore[pos - 1], bestTie[pos - 1])) {
                best[pos] = best[pos - 1];
                bestScore[pos] = bestScore[pos - 1];
                bestTie[pos] = bestTie[pos - 1];
                pos--;
            }
            best[pos] = c;
            bestScore[pos] = s;
            bestTie[pos] = tie;
        }
        List<Integer> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(best[i]);
        }
        return out;
    }

    private static boolean better(double s1, double t1, double s2, double t2) {
        return s1 != s2 ? s1 > s2 : t1 > t2;
    }

    private static double tie(long seed, int query, int candidate) {
        long h = seed * 0x9E3779B97F4A7C15L + query * 0xC2B2AE3D27D4EB4FL + candidate * 0x165667B19E3779F9L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }
}
