package org.citybridge.bench.quality;

import org.citybridge.bench.quality.TwinningData.Pair;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.IntFunction;

/**
 * The measures: every city of a held-out pair is a query; its top-10 list (never itself or a known
 * partner) is a hit for each held-out partner it names. recall@10 is hits over held-out (query, partner)
 * pairs, MRR@10 the mean of 1/rank over them (0 when not listed). Fairness: coverage is the share of
 * cities that appear in some list, and the largest share of lists one city takes.
 */
final class Evaluation {

    /** One method's figures. */
    record Result(
            String method,
            double recall,
            double mrr,
            int queries,
            double coverage,
            double maxShare,
            String mostShown,
            int allLists,
            double allListsMaxShare) {

        String row() {
            String all = allLists == 0
                    ? ""
                    : String.format(Locale.ROOT, "; of all %,d lists: %.1f %%", allLists, 100 * allListsMaxShare);
            return String.format(
                    Locale.ROOT,
                    "| %s | %.3f | %.3f | %.1f %% | %.1f %% (%s)%s |",
                    method,
                    recall,
                    mrr,
                    100 * coverage,
                    100 * maxShare,
                    mostShown,
                    all);
        }

        /** With the largest share of every city's list (not only the queries') one city takes. */
        Result withAllLists(int lists, double share) {
            return new Result(method, recall, mrr, queries, coverage, maxShare, mostShown, lists, share);
        }
    }

    static final int K = 10;

    final TwinningData data;
    final Map<Integer, List<Integer>> heldOutPartners = new TreeMap<>();
    final int pairs;

    Evaluation(TwinningData data, List<Pair> heldOut) {
        this.data = data;
        for (Pair pair : heldOut) {
            heldOutPartners.computeIfAbsent(pair.a(), k -> new ArrayList<>()).add(pair.b());
            heldOutPartners.computeIfAbsent(pair.b(), k -> new ArrayList<>()).add(pair.a());
        }
        this.pairs = heldOut.size() * 2;
    }

    /**
     * recall@10 over the held-out (query, partner) pairs {@code keep} accepts, from each query's top list.
     *
     * @return the recall and the number of pairs kept
     */
    double[] recallWhere(Map<Integer, List<Integer>> topLists, BiPredicate<Integer, Integer> keep) {
        int pairsKept = 0;
        int hits = 0;
        for (Map.Entry<Integer, List<Integer>> query : heldOutPartners.entrySet()) {
            List<Integer> top = topLists.getOrDefault(query.getKey(), List.of());
            for (int partner : query.getValue()) {
                if (keep.test(query.getKey(), partner)) {
                    pairsKept++;
                    if (top.subList(0, Math.min(K, top.size())).contains(partner)) {
                        hits++;
                    }
                }
            }
        }
        return new double[] {pairsKept == 0 ? 0 : hits / (double) pairsKept, pairsKept};
    }

    /**
     * Measures a method given as each query city's top list (best first).
     *
     * @param listOf the query city's list of city indexes, at most {@link #K} used
     */
    Result measure(String method, IntFunction<List<Integer>> listOf) {
        double hits = 0;
        double reciprocal = 0;
        Map<Integer, Integer> shown = new HashMap<>();
        for (Map.Entry<Integer, List<Integer>> query : heldOutPartners.entrySet()) {
            List<Integer> list = listOf.apply(query.getKey());
            List<Integer> top = list.subList(0, Math.min(K, list.size()));
            top.forEach(c -> shown.merge(c, 1, Integer::sum));
            for (int partner : query.getValue()) {
                int rank = top.indexOf(partner);
                if (rank >= 0) {
                    hits++;
                    reciprocal += 1.0 / (rank + 1);
                }
            }
        }
        int lists = heldOutPartners.size();
        Map.Entry<Integer, Integer> most = shown.entrySet().stream()
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElse(Map.entry(-1, 0));
        String name =
                most.getKey() < 0 ? "none" : data.cities.get(most.getKey()).name();
        return new Result(
                method,
                hits / pairs,
                reciprocal / pairs,
                pairs,
                shown.size() / (double) data.cities.size(),
                most.getValue() / (double) lists,
                name,
                0,
                0);
    }
}
