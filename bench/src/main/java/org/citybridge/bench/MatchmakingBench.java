package org.citybridge.bench;

import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.matchmaking.pairing.PairingSolver;
import org.citybridge.matchmaking.ranking.MatchEngine;
import org.citybridge.matchmaking.ranking.Ranked;
import org.citybridge.matchmaking.ranking.SearchCounts;
import org.citybridge.matchmaking.scoring.CountryPairs;
import org.citybridge.matchmaking.scoring.DevelopingEconomies;
import org.citybridge.matchmaking.scoring.MatchSettings;
import org.citybridge.matchmaking.scoring.SouthSouthMode;
import org.citybridge.matchmaking.scoring.Weights;
import org.jgrapht.alg.matching.KuhnMunkresMinimalWeightBipartitePerfectMatching;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The matchmaking benchmark: for each size, synthetic cities from a fixed seed, then
 * <ol>
 *   <li>top-10 for one city through the indexes vs a brute-force scan with the same scoring
 *       (asserting the same top-10 for every sampled city), medians and speed-up;</li>
 *   <li>applying one InterestExpressed (incremental re-ranking, changed pairs with reasons), median
 *       over 300 events after 300 warm-up events, then a check that the maintained rankings still
 *       equal brute force;</li>
 *   <li>a full re-score of every city (what the admin endpoint does after a weight change);</li>
 * </ol>
 * then what each list's search swept (words visited, cities past its bounds, cities scored: {@link
 * SearchCounts}), and once, on the largest size, an optimal pairing of 1,000 × 1,000 cities by our Hungarian
 * algorithm vs JGraphT's Kuhn–Munkres (same total asserted). Run:
 * {@code ./mvnw -B -Pbench -pl bench -am verify -DskipTests}; {@code -Dbench.models=DENSE_ALL_FEATURES,...}
 * measures some models only.
 */
public final class MatchmakingBench {

    private MatchmakingBench() {}

    /**
     * The models measured: the configured weights (the only ones before the learned features), and every
     * feature at the weights fitted on the real twinning data (bench/RESULTS.md, "Matchmaking quality"),
     * once ranking each city's top 10 and once as served, with the exposure cap (each city's list is its
     * best 50, proposals derived from them).
     */
    enum Model {
        CONFIGURED("configured weights, no exposure cap (the model before), top 10", false, 0),
        ALL_FEATURES("every feature (fitted weights), no exposure cap, top 10", true, 0),
        ALL_FEATURES_CAPPED("every feature, exposure cap 50 (as served after a fit): lists of 50", true, 50),
        DENSE_ALL_FEATURES("dense world (one interest, the same for all), every feature, top 10", true, 0, true),
        DENSE_SOUTH_SOUTH_FILTER(
                "dense world, every feature, South-South as a filter, top 10", true, 0, true, SouthSouthMode.FILTER),
        // last: the pairing runs on the last model's engine, so with every model it meets the same world as in earlier
        // runs
        DENSE_ALL_FEATURES_CAPPED("dense world, every feature, exposure cap 50: lists of 50", true, 50, true);

        final String label;
        final boolean fitted;
        final int cap;
        final boolean dense;
        final SouthSouthMode southSouth;

        Model(String label, boolean fitted, int cap) {
            this(label, fitted, cap, false);
        }

        Model(String label, boolean fitted, int cap, boolean dense) {
            this(label, fitted, cap, dense, SouthSouthMode.BONUS);
        }

        Model(String label, boolean fitted, int cap, boolean dense, SouthSouthMode southSouth) {
            this.label = label;
            this.fitted = fitted;
            this.cap = cap;
            this.dense = dense;
            this.southSouth = southSouth;
        }
    }

    /**
     * The weights the quality harness fitted on the real twinning data, the search for recall@10 included
     * (bench/RESULTS.md, 2026-12-06).
     */
    static final Map<String, Double> FITTED = Map.of(
            "south-south", 0.401,
            "network", 1.827,
            "load-damper", 0.351,
            "country-affinity", 0.352,
            "proximity", 2.180,
            "same-sub-region", 0.076,
            "shared-language", 0.314,
            "activity", 0.661,
            "linked-partners", 5.925);

    public static void main(String[] args) {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "10000,100000,138000").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim()))
                .toArray();
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20220222L;
        List<Model> models = args.length > 2 && !args[2].isBlank() && !args[2].equals("all")
                ? Arrays.stream(args[2].split(","))
                        .map(m -> Model.valueOf(m.trim()))
                        .toList()
                : List.of(Model.values());
        System.out.printf(
                Locale.ROOT,
                "# Matchmaking benchmark, seed %d, %d cores, Java %s%n",
                seed,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.println(
                "| model | cities | load (s) | full re-score (s) | list indexed median (ms) | list brute force median (ms) | speed-up | same list | InterestExpressed median (ms) | p95 (ms) | changed pairs per event (mean, with reasons) | lists exact after events |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        MatchEngine last = null;
        SyntheticCities lastCities = null;
        List<String> sweeps = new ArrayList<>();
        for (int n : sizes) {
            for (Model model : models) {
                SyntheticCities cities = new SyntheticCities(seed, model.dense);
                MatchEngine engine = measure(model, n, cities);
                sweeps.add(sweep(model, n, engine, cities));
                last = engine;
                lastCities = cities;
            }
        }
        System.out.println();
        System.out.println(
                "What one list's search swept (means over 300 cities, after the events above; a word holds 64 cities, see SearchCounts):");
        System.out.println();
        System.out.println(
                "| model | cities | words | words visited | cities past the counters | past their exact sum | scored in full |");
        System.out.println("|---|---|---|---|---|---|---|");
        sweeps.forEach(System.out::println);
        if (last != null) {
            pairing(last, lastCities, 1000);
        }
    }

    private static MatchEngine measure(Model model, int n, SyntheticCities cities) {
        MatchSettings settings =
                MatchSettings.defaults().withExposureCap(model.cap).withSouthSouthMode(model.southSouth);
        if (model.fitted) {
            settings = settings.withWeights(Weights.of(FITTED));
        }
        MatchEngine engine = new MatchEngine(settings, DevelopingEconomies.load());
        long t0 = System.nanoTime();
        engine.beginBulk();
        cities.load(engine, n);
        engine.endBulk();
        // the country-pair statistics a model learns from the recorded partnerships (the ranking below uses them)
        engine.beginReranking(settings.withCountryPairs(CountryPairs.count(cities.partnershipCountries)));
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        engine.rescoreAll();
        engine.drainChanges();
        double rescoreSeconds = (System.nanoTime() - t1) / 1e9;
        int listSize = engine.settings().listSize();

        // 1. one city's list (top 10, or with the cap its best 50): indexed vs brute force
        List<UUID> sample = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            sample.add(cities.anyCity());
        }
        for (UUID city : sample.subList(0, 50)) { // warm-up
            engine.rankIndexed(city);
        }
        double[] indexed = new double[sample.size()];
        for (int i = 0; i < sample.size(); i++) {
            long s = System.nanoTime();
            engine.rankIndexed(sample.get(i));
            indexed[i] = (System.nanoTime() - s) / 1e6;
        }
        int bruteSamples = n >= 100_000 ? 30 : 60;
        double[] brute = new double[bruteSamples];
        boolean same = true;
        for (int i = 0; i < bruteSamples; i++) {
            UUID city = sample.get(i);
            long s = System.nanoTime();
            List<Ranked> reference = BruteForceTop.rank(engine, city, listSize);
            brute[i] = (System.nanoTime() - s) / 1e6;
            List<Ranked> fast = engine.rankIndexed(city);
            if (!reference.equals(fast) || !reference.equals(engine.kept(city))) {
                same = false;
                System.err.println("MISMATCH for " + city + ": " + reference + " vs " + fast);
            }
        }
        if (!same) {
            throw new AssertionError("indexed lists differ from brute force at " + n + " cities, " + model);
        }

        // 2. one InterestExpressed, incrementally (after 300 uncounted events: the JIT compiles that path first)
        for (int i = 0; i < 300; i++) {
            engine.expressInterest(cities.anyCity(), cities.interest());
            engine.drainChanges();
        }
        double[] apply = new double[300];
        long changedPairs = 0;
        Set<UUID> touchedCities = new HashSet<>();
        for (int i = 0; i < apply.length; i++) {
            UUID city = cities.anyCity();
            touchedCities.add(city);
            var interest = cities.interest();
            long s = System.nanoTime();
            engine.expressInterest(city, interest);
            changedPairs += engine.drainChanges().size();
            apply[i] = (System.nanoTime() - s) / 1e6;
        }
        boolean exact = true;
        List<UUID> check = new ArrayList<>(touchedCities).subList(0, Math.min(20, touchedCities.size()));
        for (int i = 0; i < 20; i++) {
            check.add(cities.anyCity());
        }
        for (UUID city : check) {
            if (!engine.kept(city).equals(BruteForceTop.rank(engine, city, listSize))) {
                exact = false;
                System.err.println("STALE list for " + city);
            }
        }
        if (!exact) {
            throw new AssertionError("incremental lists differ from brute force at " + n + " cities, " + model);
        }
        double indexedMedian = median(indexed);
        double bruteMedian = median(brute);
        System.out.printf(
                Locale.ROOT,
                "| %s | %,d | %.1f | %.1f | %.3f | %.2f | %.0f× | yes (%d cities) | %.3f | %.3f | %.1f | yes (%d cities) |%n",
                model.label,
                n,
                loadSeconds,
                rescoreSeconds,
                indexedMedian,
                bruteMedian,
                bruteMedian / indexedMedian,
                bruteSamples,
                median(apply),
                percentile(apply, 0.95),
                changedPairs / (double) apply.length,
                check.size());
        return engine;
    }

    /** The search's own counts for 300 cities' lists, as a table row. */
    private static String sweep(Model model, int n, MatchEngine engine, SyntheticCities cities) {
        double visited = 0;
        double pastCounters = 0;
        double pastSums = 0;
        double scored = 0;
        int words = 0;
        int searches = 300;
        for (int i = 0; i < searches; i++) {
            SearchCounts counts = engine.searchCounts(cities.anyCity());
            words = counts.words();
            visited += counts.wordsVisited();
            pastCounters += counts.pastCounters();
            pastSums += counts.pastSums();
            scored += counts.scored();
        }
        return String.format(
                Locale.ROOT,
                "| %s | %,d | %,d | %,.0f | %,.0f | %,.0f | %,.0f |",
                model.label,
                n,
                words,
                visited / searches,
                pastCounters / searches,
                pastSums / searches,
                scored / searches);
    }

    /** 1,000 Latin American cities × 1,000 Asian cities, sister-city kind. */
    private static void pairing(MatchEngine engine, SyntheticCities cities, int size) {
        List<UUID> left = new ArrayList<>();
        List<UUID> right = new ArrayList<>();
        for (int i = 0; i < cities.ids.size() && (left.size() < size || right.size() < size); i++) {
            String country = cities.countries.get(i);
            if (Set.of("MX", "BR", "PE", "CO").contains(country) && left.size() < size) {
                left.add(cities.ids.get(i));
            } else if (Set.of("CN", "IN", "ID", "VN").contains(country) && right.size() < size) {
                right.add(cities.ids.get(i));
            }
        }
        long s0 = System.nanoTime();
        double[][] w = engine.scoreMatrix(left, right, ProposalKind.SISTER_CITY, null);
        double matrixSeconds = (System.nanoTime() - s0) / 1e9;
        long s1 = System.nanoTime();
        List<PairingSolver.Pair> pairs = PairingSolver.optimal(w, 1);
        double ours = (System.nanoTime() - s1) / 1e9;
        double total = PairingSolver.total(w, pairs);

        // reference: JGraphT's Kuhn–Munkres on the complete bipartite graph, minimising (max - score)
        double max = 0;
        for (double[] row : w) {
            for (double v : row) {
                if (PairingSolver.feasible(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        long s2 = System.nanoTime();
        SimpleWeightedGraph<Integer, DefaultWeightedEdge> graph = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        Set<Integer> a = new HashSet<>();
        Set<Integer> b = new HashSet<>();
        for (int i = 0; i < left.size(); i++) {
            graph.addVertex(i);
            a.add(i);
        }
        for (int j = 0; j < right.size(); j++) {
            graph.addVertex(size + j);
            b.add(size + j);
        }
        for (int i = 0; i < left.size(); i++) {
            for (int j = 0; j < right.size(); j++) {
                double score = PairingSolver.feasible(w[i][j]) ? w[i][j] : 0;
                DefaultWeightedEdge edge = graph.addEdge(i, size + j);
                graph.setEdgeWeight(edge, max - score);
            }
        }
        var matching = new KuhnMunkresMinimalWeightBipartitePerfectMatching<>(graph, a, b).getMatching();
        double reference = left.size() * max - matching.getWeight();
        double jgrapht = (System.nanoTime() - s2) / 1e9;
        boolean equal = Math.abs(reference - total) < 1e-6 * Math.max(1, total);
        System.out.println();
        System.out.println(
                "| pairing | score matrix (s) | Hungarian, ours (s) | JGraphT Kuhn–Munkres (s) | total ours | total JGraphT | equal |");
        System.out.println("|---|---|---|---|---|---|---|");
        System.out.printf(
                Locale.ROOT,
                "| %d × %d optimal | %.2f | %.2f | %.2f | %.3f | %.3f | %s |%n",
                left.size(),
                right.size(),
                matrixSeconds,
                ours,
                jgrapht,
                total,
                reference,
                equal ? "yes" : "NO");
        if (!equal) {
            throw new AssertionError("pairing total differs from the JGraphT reference");
        }
    }

    private static double median(double[] values) {
        return percentile(values, 0.5);
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * (sorted.length - 1)))];
    }
}
