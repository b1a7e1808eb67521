package org.citybridge.matchmaking.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Fits the weights of the model to what cities actually did: for each city of the history, the partners
 * it formed (positives) against the cities it could have chosen. The objective is listwise: the softmax
 * probability of the positives among the city's candidates (all its positives, the candidates the
 * current model ranks highest, and a seeded sample of the rest), with an L2 penalty, and every weight kept
 * non-negative (the search's bounds rely on it). Plain gradient descent with Adam steps over standardised
 * feature values, a fixed number of iterations and seeded sampling: the same history gives the same
 * weights. A feature that never varies among a city's candidates cannot be learned; it keeps its weight.
 * Fitting runs in rounds: each round's hard negatives are the best candidates under the previous round's
 * weights (the mistakes the model still makes), so later rounds learn from harder examples.
 *
 * <p>The likelihood rewards every positive raised a little, wherever it ranks; proposals show only the first
 * ten. So a last step searches the learned weights one at a time for recall@10 on the same cities (MRR@10
 * between equal recalls), each city ranking its best candidates under the fitted weights and its positives:
 * a feature that lifts few candidates, but lifts them into the first ten, gets the weight that does it.
 */
public final class WeightFitter {

    /**
     * @param seed             sampling of random negatives
     * @param randomNegatives  candidates sampled uniformly per city
     * @param hardNegatives    the current model's best candidates added per city
     * @param l2               penalty on the standardised weights
     * @param iterations       gradient steps
     * @param rounds           fits, each with the hard negatives of the one before
     * @param recallPool       candidates per city in the search for recall@10 (0: no search)
     */
    public record Options(
            long seed, int randomNegatives, int hardNegatives, double l2, int iterations, int rounds, int recallPool) {

        public static Options defaults() {
            return new Options(20221122L, 1000, 100, 1e-3, 300, 2, 200);
        }
    }

    /**
     * A city, the partners it formed (which a good model ranks first) and the cities it declined (always
     * among its candidates, as what it did not want).
     */
    public record Query(UUID city, Set<UUID> positives, Set<UUID> negatives) {

        public Query(UUID city, Set<UUID> positives) {
            this(city, positives, Set.of());
        }
    }

    /** How well a model ranks the queries' positives: recall@k and MRR@k over (city, positive) pairs. */
    public record Quality(double recall, double mrr, int pairs) {}

    /**
     * @param learned features whose weight was fitted; the others kept theirs
     * @param loss    mean negative log-likelihood of the positives at the end of the likelihood fit
     * @param tuned   features whose weight the search for recall@10 changed
     * @param search  recall@10 and MRR@10 on the learning cities' pools, before and after that search
     */
    public record Fit(
            Weights weights,
            List<String> learned,
            double loss,
            int queries,
            int candidates,
            List<String> tuned,
            List<Quality> search) {

        Fit searched(Weights searchedWeights, List<String> changed, Quality before, Quality after) {
            return new Fit(searchedWeights, learned, loss, queries, candidates, changed, List.of(before, after));
        }
    }

    private WeightFitter() {}

    /**
     * Fits weights on a graph that does not hold the queries' positives as partnerships (they would
     * score as existing partners, which are never proposed).
     *
     * @param settings the current model: its weights are the starting point and the hard negatives' ranker
     */
    public static Fit fit(CityGraph graph, MatchSettings settings, List<Query> queries, Options options) {
        Fit fit = null;
        MatchSettings current = settings;
        for (int round = 0; round < Math.max(1, options.rounds()); round++) {
            fit = fitOnce(graph, current, settings.weights(), queries, options);
            current = settings.withWeights(fit.weights());
        }
        return options.recallPool() > 0 ? searchForRecall(graph, settings, fit, queries, options.recallPool()) : fit;
    }

    /** Ranks kept in the search: recall and MRR at this depth, as the proposals show them. */
    private static final int K = 10;

    /**
     * A learning city's candidates, in the order of their ids (which breaks ties), with their feature values and
     * labels; in the search also how many of its positives no ranking can show (not scorable with it: counted as
     * misses, as {@link #evaluate} does).
     */
    private record Pool(float[][] values, boolean[] positive, int missed) {}

    /** Rounds of the search at most: each ranks every learning city once. */
    private static final int SEARCH_ROUNDS = 4;

    /**
     * Coordinate search over the learned weights for recall@10 on the learning cities, ranked as {@link
     * #evaluate} ranks them (the minimum score, no exposure cap). A round ranks every city's best {@code
     * poolSize} candidates under the weights so far, so recall@10 on those pools is the recall@10 of these
     * weights (up to the rounding of feature values to floats); it then tries each weight at a few multiples
     * of itself, one weight after the other, keeping a change that ranks more positives in the first ten (or
     * the same number higher) within the pools. Those pools were chosen by the old weights, and weights that
     * demote what they chose look better inside them than they are; so the next round's pools, ranked under
     * the new weights, are their exact measure, and the search stops at the first round that does not improve
     * on the one before. Deterministic: no sampling, ties by id.
     */
    static Fit searchForRecall(CityGraph graph, MatchSettings settings, Fit fit, List<Query> queries, int poolSize) {
        int f = Features.ALL.size();
        double[] w = new double[f];
        boolean[] free = new boolean[f];
        for (int i = 0; i < f; i++) {
            w[i] = fit.weights().of(Features.ALL.get(i));
            free[i] = fit.learned().contains(Features.ALL.get(i).key());
        }
        PairScorer unit = new PairScorer(graph, settings.withWeights(Weights.ones()));
        List<Pool> pools = pools(graph, settings.withWeights(Weights.of(w)), unit, queries, poolSize);
        double floor = settings.minScore();
        Quality first = quality(pools, w, floor);
        Quality exact = first;
        for (int round = 0; round < SEARCH_ROUNDS; round++) {
            double[] next = w.clone();
            double[] spread = spreads(pools, next);
            Quality best = exact;
            for (int i = 0; i < f; i++) {
                if (!free[i]) {
                    continue;
                }
                double kept = next[i];
                double chosen = kept;
                // a weight at 0 is tried at a share of the score's spread, in the feature's own units
                double[] tries = kept > 0
                        ? new double[] {kept / 2, kept * 2, kept * 4}
                        : new double[] {spread[f] / spread[i] / 20, spread[f] / spread[i] / 5};
                for (double value : tries) {
                    if (!(value > 0) || Double.isInfinite(value)) {
                        continue;
                    }
                    next[i] = value;
                    Quality q = quality(pools, next, floor);
                    if (better(q, best)) {
                        best = q;
                        chosen = value;
                    }
                }
                next[i] = chosen;
            }
            if (Arrays.equals(next, w)) {
                break;
            }
            List<Pool> nextPools = pools(graph, settings.withWeights(Weights.of(next)), unit, queries, poolSize);
            Quality measured = quality(nextPools, next, floor);
            if (!better(measured, exact)) {
                break;
            }
            w = next;
            pools = nextPools;
            exact = measured;
        }
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < f; i++) {
            if (w[i] != fit.weights().of(Features.ALL.get(i))) {
                changed.add(Features.ALL.get(i).key());
            }
        }
        return fit.searched(Weights.of(w), List.copyOf(changed), first, exact);
    }

    private static boolean better(Quality a, Quality b) {
        return a.recall() != b.recall() ? a.recall() > b.recall() : a.mrr() > b.mrr() + 1e-12;
    }

    /** Every learning city's best candidates under the current weights, with its positives among them. */
    private static List<Pool> pools(
            CityGraph graph, MatchSettings settings, PairScorer unit, List<Query> queries, int poolSize) {
        PairScorer current = new PairScorer(graph, settings);
        List<Pool> pools = new ArrayList<>();
        for (Query query : queries) {
            CityNode a = graph.find(query.city());
            if (a == null) {
                continue;
            }
            BitSet chosen = new BitSet();
            BitSet positive = new BitSet();
            int missed = 0;
            for (UUID p : query.positives()) {
                CityNode b = graph.find(p);
                if (b != null && unit.featureValues(a, b) != null) {
                    chosen.set(b.idx);
                    positive.set(b.idx);
                } else {
                    missed++;
                }
            }
            if (positive.isEmpty()) {
                pools.add(new Pool(new float[0][], new boolean[0], missed));
                continue;
            }
            for (int b : best(current, graph, a, poolSize, true)) {
                chosen.set(b);
            }
            pools.add(candidateRows(graph, unit, a, chosen, positive, missed));
        }
        return pools;
    }

    /**
     * City {@code a}'s chosen candidates as the fit and the search read them: in the order of their ids (which
     * breaks ties), each with its feature values and whether it is a positive; pairs the model cannot score
     * are left out.
     */
    private static Pool candidateRows(
            CityGraph graph, PairScorer unit, CityNode a, BitSet chosen, BitSet positive, int missed) {
        int[] members = chosen.stream()
                .boxed()
                .sorted(Comparator.comparing(c -> graph.at(c).id()))
                .mapToInt(Integer::intValue)
                .toArray();
        List<float[]> values = new ArrayList<>();
        List<Boolean> isPositive = new ArrayList<>();
        for (int b : members) {
            double[] v = unit.featureValues(a, graph.at(b));
            if (v != null) {
                values.add(asFloats(v));
                isPositive.add(positive.get(b));
            }
        }
        return new Pool(values.toArray(float[][]::new), asBooleans(isPositive), missed);
    }

    /** Recall@10 and MRR@10 of the pools' positives under weights {@code w}, below {@code floor} never shown. */
    private static Quality quality(List<Pool> pools, double[] w, double floor) {
        double hits = 0;
        double reciprocal = 0;
        int pairs = 0;
        for (Pool pool : pools) {
            pairs += pool.missed();
            double[] s = new double[pool.values().length];
            for (int c = 0; c < s.length; c++) {
                double score = 0;
                float[] row = pool.values()[c];
                for (int i = 0; i < row.length; i++) {
                    score += w[i] * row[i];
                }
                s[c] = score;
            }
            for (int p = 0; p < s.length; p++) {
                if (!pool.positive()[p]) {
                    continue;
                }
                pairs++;
                if (s[p] < floor) {
                    continue;
                }
                int rank = 0;
                for (int c = 0; c < s.length && rank < K; c++) {
                    if (s[c] > s[p] || (s[c] == s[p] && c < p)) {
                        rank++; // s[c] is at or above the floor too
                    }
                }
                if (rank < K) {
                    hits++;
                    reciprocal += 1.0 / (rank + 1);
                }
            }
        }
        return new Quality(pairs == 0 ? 0 : hits / pairs, pairs == 0 ? 0 : reciprocal / pairs, pairs);
    }

    /** Standard deviation of each feature over the pools' candidates, and (last) of their scores under {@code w}. */
    private static double[] spreads(List<Pool> pools, double[] w) {
        int f = w.length;
        double[] sum = new double[f + 1];
        double[] squares = new double[f + 1];
        long n = 0;
        for (Pool pool : pools) {
            for (float[] row : pool.values()) {
                double score = 0;
                for (int i = 0; i < f; i++) {
                    sum[i] += row[i];
                    squares[i] += (double) row[i] * row[i];
                    score += w[i] * row[i];
                }
                sum[f] += score;
                squares[f] += score * score;
                n++;
            }
        }
        double[] sd = new double[f + 1];
        for (int i = 0; i <= f; i++) {
            double mean = n == 0 ? 0 : sum[i] / n;
            sd[i] = n == 0 ? 0 : Math.sqrt(Math.max(0, squares[i] / n - mean * mean));
        }
        return sd;
    }

    private static Fit fitOnce(
            CityGraph graph, MatchSettings settings, Weights start, List<Query> queries, Options options) {
        PairScorer current = new PairScorer(graph, settings);
        PairScorer unit = new PairScorer(graph, settings.withWeights(Weights.ones()));
        Random random = new Random(options.seed());
        // cities by id, not by arrival: the same history samples the same negatives on every instance
        int[] byId = IntStream.range(0, graph.size())
                .boxed()
                .sorted(Comparator.comparing(b -> graph.at(b).id()))
                .mapToInt(Integer::intValue)
                .toArray();
        List<float[][]> rows = new ArrayList<>();
        List<boolean[]> labels = new ArrayList<>();
        int pairs = 0;
        for (Query query : queries) {
            CityNode a = graph.find(query.city());
            if (a == null || !a.scorable()) {
                continue;
            }
            BitSet chosen = new BitSet();
            BitSet positive = new BitSet();
            for (UUID p : query.positives()) {
                CityNode b = graph.find(p);
                if (b != null && unit.featureValues(a, b) != null) {
                    chosen.set(b.idx);
                    positive.set(b.idx);
                }
            }
            if (positive.isEmpty()) {
                continue;
            }
            for (int b : best(current, graph, a, options.hardNegatives(), false)) {
                chosen.set(b);
            }
            for (UUID declined : query.negatives()) {
                CityNode b = graph.find(declined);
                if (b != null) {
                    chosen.set(b.idx);
                }
            }
            for (int k = 0; k < options.randomNegatives(); k++) {
                chosen.set(byId[random.nextInt(byId.length)]);
            }
            chosen.clear(a.idx);
            Pool candidates = candidateRows(graph, unit, a, chosen, positive, 0);
            rows.add(candidates.values());
            labels.add(candidates.positive());
            pairs += candidates.positive().length;
        }
        return optimise(start, rows, labels, options, pairs);
    }

    /**
     * Ranks each query city among all cities with these settings (the proposals' rules: hard constraints,
     * the minimum score) and counts its positives in the top {@code k}.
     */
    public static Quality evaluate(CityGraph graph, MatchSettings settings, List<Query> queries, int k) {
        PairScorer scorer = new PairScorer(graph, settings);
        double hits = 0;
        double reciprocal = 0;
        int pairs = 0;
        for (Query query : queries) {
            CityNode a = graph.find(query.city());
            if (a == null) {
                continue;
            }
            int[] top = best(scorer, graph, a, k, true);
            for (UUID p : query.positives()) {
                pairs++;
                CityNode b = graph.find(p);
                for (int rank = 0; b != null && rank < top.length; rank++) {
                    if (top[rank] == b.idx) {
                        hits++;
                        reciprocal += 1.0 / (rank + 1);
                    }
                }
            }
        }
        return new Quality(pairs == 0 ? 0 : hits / pairs, pairs == 0 ? 0 : reciprocal / pairs, pairs);
    }

    /**
     * The {@code n} candidates the model scores highest for {@code a}, ties by id.
     *
     * @param proposable true to keep only pairs at or above the minimum score (what the proposals show)
     */
    private static int[] best(PairScorer scorer, CityGraph graph, CityNode a, int n, boolean proposable) {
        int[] top = new int[n];
        double[] topScores = new double[n];
        int size = 0;
        double floor = proposable ? scorer.settings().minScore() : Double.NEGATIVE_INFINITY;
        for (int b = 0; b < graph.size(); b++) {
            double s = scorer.scoreOnly(a, graph.at(b));
            if (Double.isNaN(s) || s < floor) {
                continue;
            }
            if (size == n && !better(graph, s, b, topScores[n - 1], top[n - 1])) {
                continue;
            }
            int pos = size == n ? n - 1 : size++;
            while (pos > 0 && better(graph, s, b, topScores[pos - 1], top[pos - 1])) {
                top[pos] = top[pos - 1];
                topScores[pos] = topScores[pos - 1];
                pos--;
            }
            top[pos] = b;
            topScores[pos] = s;
        }
        return Arrays.copyOf(top, size);
    }

    /** Feature values as the fit keeps them: floats, half the memory of a city's thousand candidates. */
    private static float[] asFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    private static boolean[] asBooleans(List<Boolean> values) {
        boolean[] booleans = new boolean[values.size()];
        for (int i = 0; i < booleans.length; i++) {
            booleans[i] = values.get(i);
        }
        return booleans;
    }

    private static boolean better(CityGraph graph, double s1, int b1, double s2, int b2) {
        return s1 != s2 ? s1 > s2 : graph.at(b1).id().compareTo(graph.at(b2).id()) < 0;
    }

    private static Fit optimise(
            Weights start, List<float[][]> rows, List<boolean[]> labels, Options options, int candidates) {
        int f = Features.ALL.size();
        // standard deviations of each feature within the queries' candidate lists: what the softmax sees
        double[] sum = new double[f];
        double[] squares = new double[f];
        long n = 0;
        boolean[] varies = new boolean[f];
        for (float[][] query : rows) {
            for (int i = 0; i < f; i++) {
                float first = query[0][i];
                for (float[] row : query) {
                    varies[i] |= row[i] != first;
                }
            }
            for (float[] row : query) {
                for (int i = 0; i < f; i++) {
                    sum[i] += row[i];
                    squares[i] += (double) row[i] * row[i];
                }
                n++;
            }
        }
        double[] sd = new double[f];
        for (int i = 0; i < f; i++) {
            double mean = n == 0 ? 0 : sum[i] / n;
            sd[i] = n == 0 ? 1 : Math.sqrt(Math.max(1e-12, squares[i] / n - mean * mean));
        }
        double[] w = new double[f];
        for (int i = 0; i < f; i++) {
            w[i] = start.of(Features.ALL.get(i)) * sd[i];
        }
        double[] m = new double[f];
        double[] v = new double[f];
        double loss = 0;
        for (int it = 1; it <= options.iterations(); it++) {
            double[] gradient = new double[f];
            loss = 0;
            int counted = 0;
            for (int q = 0; q < rows.size(); q++) {
                float[][] query = rows.get(q);
                boolean[] label = labels.get(q);
                double[] s = new double[query.length];
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < query.length; c++) {
                    double score = 0;
                    for (int i = 0; i < f; i++) {
                        score += w[i] * query[c][i] / sd[i];
                    }
                    s[c] = score;
                    max = Math.max(max, score);
                }
                double z = 0;
                for (int c = 0; c < query.length; c++) {
                    s[c] = Math.exp(s[c] - max);
                    z += s[c];
                }
                int positives = 0;
                for (int c = 0; c < query.length; c++) {
                    if (label[c]) {
                        positives++;
                        loss -= Math.log(Math.max(1e-300, s[c] / z));
                    }
                }
                counted += positives;
                for (int c = 0; c < query.length; c++) {
                    double p = s[c] / z;
                    double coefficient = positives * p - (label[c] ? 1 : 0);
                    for (int i = 0; i < f; i++) {
                        gradient[i] += coefficient * query[c][i] / sd[i];
                    }
                }
            }
            loss /= Math.max(1, counted);
            for (int i = 0; i < f; i++) {
                if (!varies[i]) {
                    continue;
                }
                double g = gradient[i] / Math.max(1, rows.size()) + options.l2() * w[i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                double mHat = m[i] / (1 - Math.pow(0.9, it));
                double vHat = v[i] / (1 - Math.pow(0.999, it));
                w[i] = Math.max(0, w[i] - 0.05 * mHat / (Math.sqrt(vHat) + 1e-8)); // projected: never negative
            }
        }
        double[] fitted = new double[f];
        List<String> learned = new ArrayList<>();
        for (int i = 0; i < f; i++) {
            Feature feature = Features.ALL.get(i);
            if (varies[i]) {
                fitted[i] = w[i] / sd[i];
                learned.add(feature.key());
            } else {
                fitted[i] = start.of(feature);
            }
        }
        return new Fit(Weights.of(fitted), List.copyOf(learned), loss, rows.size(), candidates, List.of(), List.of());
    }
}
