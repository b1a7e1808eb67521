package org.citybridge.bench.quality;

import org.citybridge.bench.http.NamedArgs;
import org.citybridge.bench.quality.Baselines.Baseline;
import org.citybridge.bench.quality.TwinningData.Pair;
import org.citybridge.matchmaking.ranking.MatchEngine;
import org.citybridge.matchmaking.ranking.Ranked;
import org.citybridge.matchmaking.scoring.CityGraph;
import org.citybridge.matchmaking.scoring.DevelopingEconomies;
import org.citybridge.matchmaking.scoring.Feature;
import org.citybridge.matchmaking.scoring.Features;
import org.citybridge.matchmaking.scoring.MatchSettings;
import org.citybridge.matchmaking.scoring.WeightFitter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.IntFunction;

/**
 * Matchmaking quality on real twinning links: how many held-out real partnerships CityBridge proposes,
 * beside simple link predictors on the same split and candidates. Runs the real scoring and ranking
 * in-process. Run: {@code ./mvnw -B -Pbench -pl bench -am verify -DskipTests -Dbench.main=quality}, or
 * with {@code -Dbench.args="data=PATH seed=N held-out=0.1"}; results in {@code bench/target/quality.md}.
 */
public final class QualityBench {

    private QualityBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = NamedArgs.parse(args);
        Path repository = repository();
        Path file = Path.of(options.getOrDefault(
                "data", repository.resolve("../shared/data/twin-cities-dev.csv").toString()));
        long seed = Long.parseLong(options.getOrDefault("seed", "20221122"));
        double heldOutShare = Double.parseDouble(options.getOrDefault("held-out", "0.1"));

        TwinningData data = TwinningData.read(file);
        Split split = Split.of(data, heldOutShare, seed);
        KnownGraph known = new KnownGraph(data.cities, split.known());
        Evaluation evaluation = new Evaluation(data, split.heldOut());
        List<String> out = new ArrayList<>();
        out.add(String.format(
                Locale.ROOT,
                "Data: %s, %,d cities, %,d pairs; %,d known, %,d held out (%.0f %% of the "
                        + "cross-country pairs whose cities keep a known partner, seed %d); %,d queries.",
                file.getFileName(),
                data.cities.size(),
                data.pairs.size(),
                split.known().size(),
                split.heldOut().size(),
                100 * heldOutShare,
                seed,
                evaluation.pairs));
        out.add("");
        out.add("| method | recall@10 | MRR@10 | coverage | most shown (share of lists) |");
        out.add("|---|---|---|---|---|");
        if (Boolean.parseBoolean(options.getOrDefault("api", "false"))) {
            throughTheApi(repository, data, split, evaluation, heldOutShare, seed, out);
            return;
        }
        QualityWorld world = new QualityWorld(data, repository);
        for (Baseline baseline : Baselines.all(known)) {
            out.add(evaluation
                    .measure(baseline.name(), q -> ScoredRanking.top(known, q, baseline.score(), seed, Evaluation.K))
                    .row());
        }
        Map<Integer, List<Integer>> bestBaseline = new HashMap<>();
        out.add(evaluation
                .measure(
                        "Adamic–Adar, ties by country-pair frequency then partners",
                        q -> top(
                                bestBaseline,
                                q,
                                ScoredRanking.top(
                                        known,
                                        q,
                                        (x, c) -> Baselines.common(known, x, c, true) * 1e6
                                                + known.countryPairCount(
                                                                data.cities
                                                                        .get(x)
                                                                        .country(),
                                                                data.cities
                                                                        .get(c)
                                                                        .country())
                                                        * 1e2
                                                + Math.min(99, known.degree(c)),
                                        seed,
                                        Evaluation.K)))
                .row());
        // the same with paths of three between the common partners and the country pairs: the network signal
        // CityBridge's linked partners add, as a baseline of its own
        Baselines.PathsOfThree pathsOfThree = new Baselines.PathsOfThree(known);
        Map<Integer, List<Integer>> bestWithPaths = new HashMap<>();
        out.add(evaluation
                .measure(
                        "Adamic–Adar, then paths of three (L3), ties by country-pair frequency then partners",
                        q -> top(
                                bestWithPaths,
                                q,
                                ScoredRanking.top(
                                        known,
                                        q,
                                        (x, c) -> Baselines.common(known, x, c, true) * 1e9
                                                + Math.min(99, pathsOfThree.score(x, c)) * 1e6
                                                + known.countryPairCount(
                                                                data.cities
                                                                        .get(x)
                                                                        .country(),
                                                                data.cities
                                                                        .get(c)
                                                                        .country())
                                                        * 1e2
                                                + Math.min(99, known.degree(c)),
                                        seed,
                                        Evaluation.K)))
                .row());

        MatchSettings served = MatchSettings.defaults().withCountryPairs(world.countryPairs(split.known()));
        out.add(cityBridge(
                        "CityBridge as served (configured weights, exposure cap " + served.exposureCap() + ")",
                        world,
                        split,
                        evaluation,
                        served)
                .row());

        Fitted fitted = fitOnKnownHistory(world, split, heldOutShare, seed);
        WeightFitter.Fit fit = fitted.fit();
        MatchSettings fittedSettings = served.withWeights(fit.weights());
        out.add(cityBridge(
                        "CityBridge, weights fitted on the known history, no exposure cap",
                        world,
                        split,
                        evaluation,
                        fittedSettings.withExposureCap(0))
                .row());
        Map<Integer, List<Integer>> asConfigured = new HashMap<>();
        for (int cap : new int[] {200, 100, 50}) {
            out.add(cityBridge(
                            "CityBridge, fitted weights, exposure cap " + cap
                                    + (cap == served.exposureCap() ? " (the configured cap)" : ""),
                            world,
                            split,
                            evaluation,
                            fittedSettings.withExposureCap(cap),
                            cap == served.exposureCap() ? asConfigured : new HashMap<>())
                    .row());
        }
        // what limits recall: held-out partners that share no known partner leave only weak signals
        BiPredicate<Integer, Integer> sharing = (q, p) -> Baselines.common(known, q, p, false) > 0;
        double[] cbShared = evaluation.recallWhere(asConfigured, sharing);
        double[] cbNone = evaluation.recallWhere(asConfigured, sharing.negate());
        double[] blShared = evaluation.recallWhere(bestBaseline, sharing);
        double[] blNone = evaluation.recallWhere(bestBaseline, sharing.negate());
        double[] pathsShared = evaluation.recallWhere(bestWithPaths, sharing);
        double[] pathsNone = evaluation.recallWhere(bestWithPaths, sharing.negate());
        out.add("");
        out.add(String.format(
                Locale.ROOT,
                "Held-out pairs sharing a known partner: %,d of %,d (%.0f %%); recall@10 there %.3f (Adamic–Adar "
                        + "with ties %.3f, with paths of three %.3f). Sharing none: %,d; recall@10 there %.3f "
                        + "(Adamic–Adar with ties %.3f, with paths of three %.3f). Fitted weights, exposure cap %d.",
                (int) cbShared[1],
                evaluation.pairs,
                100 * cbShared[1] / evaluation.pairs,
                cbShared[0],
                blShared[0],
                pathsShared[0],
                (int) cbNone[1],
                cbNone[0],
                blNone[0],
                pathsNone[0],
                served.exposureCap()));
        out.add("");
        out.add(String.format(
                Locale.ROOT,
                "Fit: %d cities with %d held-out partners of the known history, %,d "
                        + "candidates, %.1f s, final loss %.3f; learned: %s.",
                fit.queries(),
                fitted.heldOutPairs() * 2,
                fit.candidates(),
                fitted.seconds(),
                fit.loss(),
                String.join(", ", fit.learned())));
        if (!fit.search().isEmpty()) {
            out.add("");
            out.add(String.format(
                    Locale.ROOT,
                    "Search for recall@10 on the fit's own cities: recall@10 %.3f → %.3f, MRR@10 %.3f → %.3f; "
                            + "weights it changed: %s.",
                    fit.search().get(0).recall(),
                    fit.search().get(1).recall(),
                    fit.search().get(0).mrr(),
                    fit.search().get(1).mrr(),
                    fit.tuned().isEmpty() ? "none" : String.join(", ", fit.tuned())));
        }
        out.add("");
        out.add("| feature | configured | fitted |");
        out.add("|---|---|---|");
        for (Feature feature : Features.ALL) {
            out.add(String.format(
                    Locale.ROOT,
                    "| %s | %.3f | %.3f |",
                    feature.key(),
                    served.weights().of(feature),
                    fit.weights().of(feature)));
        }
        write(out, repository.resolve("bench/target/quality.md"));
    }

    private static void write(List<String> lines, Path target) throws IOException {
        String report = String.join("\n", lines) + "\n";
        System.out.print(report);
        Files.createDirectories(target.getParent());
        Files.writeString(target, report, StandardCharsets.UTF_8);
    }

    /**
     * The same protocol through the public API of a running platform: loaded as an agency would load it,
     * each query city's proposals read from the API, first with the configured model, then with weights
     * fitted on the known history stored and activated through the admin API. Beside each, the engine
     * in-process on the same world (the platform's ids, so ties break alike): the figures must agree.
     */
    static void throughTheApi(
            Path repository,
            TwinningData data,
            Split split,
            Evaluation evaluation,
            double heldOutShare,
            long seed,
            List<String> out)
            throws Exception {
        long started = System.nanoTime();
        try (ApiRun run = ApiRun.load(
                new QualityWorld(data, repository),
                split.known(),
                repository.resolve("bench/target/quality-platform"))) {
            double loadSeconds = (System.nanoTime() - started) / 1e9;
            QualityWorld world = new QualityWorld(data, repository, run.ids);
            Map<UUID, Integer> byId = world.indexById();
            MatchSettings served = MatchSettings.defaults().withCountryPairs(world.countryPairs(split.known()));
            List<String> agreement = new ArrayList<>();
            compare("CityBridge as served", served, run, byId, world, split, evaluation, out, agreement);

            Fitted fitted = fitOnKnownHistory(world, split, heldOutShare, seed);
            int version = run.activate(fitted.fit().weights(), "Fitted by the quality harness on the known history");
            compare(
                    "CityBridge, fitted weights (model version " + version + ")",
                    served.withWeights(fitted.fit().weights()),
                    run,
                    byId,
                    world,
                    split,
                    evaluation,
                    out,
                    agreement);
            out.add("");
            out.addAll(agreement);
            out.add("");
            out.add(String.format(
                    Locale.ROOT,
                    "Loaded through the API in %.0f s (platform start, %,d cities, %,d partnerships, %,d interests, "
                            + "every event consumed).",
                    loadSeconds,
                    data.cities.size(),
                    split.known().size(),
                    data.cities.size()));
        }
        write(out, repository.resolve("bench/target/quality-api.md"));
    }

    /** One model's figures through the API and in-process, and how many query lists are identical. */
    private static void compare(
            String method,
            MatchSettings settings,
            ApiRun run,
            Map<UUID, Integer> byId,
            QualityWorld world,
            Split split,
            Evaluation evaluation,
            List<String> out,
            List<String> agreement) {
        Map<Integer, List<Integer>> viaApi = new HashMap<>();
        IntFunction<List<Integer>> api = run.proposals(byId);
        out.add(evaluation
                .measure(method + ", through the API", q -> top(viaApi, q, api.apply(q)))
                .row());
        Map<Integer, List<Integer>> inProcess = new HashMap<>();
        out.add(cityBridge(method + ", in-process", world, split, evaluation, settings, inProcess)
                .row());
        long same = viaApi.keySet().stream()
                .filter(q -> viaApi.get(q).equals(inProcess.get(q)))
                .count();
        agreement.add(String.format(
                Locale.ROOT,
                "%s: %,d of %,d query lists identical through the API and in-process.",
                method,
                same,
                viaApi.size()));
    }

    private static List<Integer> top(Map<Integer, List<Integer>> into, int query, List<Integer> list) {
        List<Integer> top = List.copyOf(list.subList(0, Math.min(Evaluation.K, list.size())));
        into.put(query, top);
        return top;
    }

    /** Weights fitted on the known history alone, and what the fit took. */
    record Fitted(WeightFitter.Fit fit, double seconds, int heldOutPairs) {}

    /** Fits weights on the known history: a further share of it held out as the fit's positives. */
    static Fitted fitOnKnownHistory(QualityWorld world, Split split, double heldOutShare, long seed) {
        Split training = Split.of(new TwinningData(world.data.cities, split.known()), heldOutShare, seed + 1);
        CityGraph trainingGraph = world.graph(training.known());
        Map<Integer, Set<UUID>> positives = new LinkedHashMap<>();
        for (Pair pair : training.heldOut()) {
            positives.computeIfAbsent(pair.a(), k -> new HashSet<>()).add(world.ids[pair.b()]);
            positives.computeIfAbsent(pair.b(), k -> new HashSet<>()).add(world.ids[pair.a()]);
        }
        List<WeightFitter.Query> queries = new ArrayList<>();
        positives.forEach((city, partners) -> queries.add(new WeightFitter.Query(world.ids[city], partners)));
        long started = System.nanoTime();
        WeightFitter.Fit fit = WeightFitter.fit(
                trainingGraph,
                MatchSettings.defaults().withCountryPairs(world.countryPairs(training.known())),
                queries,
                WeightFitter.Options.defaults());
        double fitSeconds = (System.nanoTime() - started) / 1e9;
        return new Fitted(fit, fitSeconds, training.heldOut().size());
    }

    /**
     * CityBridge's lists after the known history: what each city's proposals page shows (its proposals and
     * those of the cities proposing it, best first), as the engine holds them with these settings.
     */
    static Evaluation.Result cityBridge(
            String method, QualityWorld world, Split split, Evaluation evaluation, MatchSettings settings) {
        return cityBridge(method, world, split, evaluation, settings, new HashMap<>());
    }

    /** As above, keeping each query's top list in {@code topLists}. */
    static Evaluation.Result cityBridge(
            String method,
            QualityWorld world,
            Split split,
            Evaluation evaluation,
            MatchSettings settings,
            Map<Integer, List<Integer>> topLists) {
        MatchEngine engine = new MatchEngine(settings, DevelopingEconomies.load());
        engine.beginBulk();
        for (int i = 0; i < world.facts.length; i++) {
            engine.upsertCity(world.facts[i]);
            engine.expressInterest(world.ids[i], world.interests[i]);
        }
        for (Pair pair : split.known()) {
            engine.partnershipFormed(world.ids[pair.a()], world.ids[pair.b()]);
        }
        engine.endBulk();
        engine.rescoreAll();
        engine.drainChanges();
        Map<UUID, Integer> byId = world.indexById();
        Evaluation.Result result = evaluation.measure(method, q -> {
            List<Integer> list = new ArrayList<>();
            for (Ranked ranked : engine.proposedWith(world.ids[q])) {
                list.add(byId.get(ranked.partner()));
            }
            return top(topLists, q, list);
        });
        // exposure over every city's list, not only the queries'
        Map<UUID, Integer> shown = new HashMap<>();
        int lists = 0;
        for (UUID city : world.ids) {
            List<Ranked> ranking = engine.proposedWith(city);
            if (!ranking.isEmpty()) {
                lists++;
            }
            ranking.stream().limit(Evaluation.K).forEach(r -> shown.merge(r.partner(), 1, Integer::sum));
        }
        int most = shown.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return result.withAllLists(lists, most / (double) Math.max(1, lists));
    }

    /** The repository's root: the working directory or one of its parents holding cities-service. */
    static Path repository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("cities-service"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Run from inside the repository");
        }
        return dir;
    }
}
