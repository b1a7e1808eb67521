package org.citybridge.matchmaking.model;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.citybridge.contracts.events.ModelActivated;
import org.citybridge.kit.command.ExpectedVersion;
import org.citybridge.kit.jobs.Job;
import org.citybridge.kit.jobs.Jobs;
import org.citybridge.kit.outbox.EventOutbox;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.time.Clock;
import org.citybridge.matchmaking.config.MatchmakingConfig;
import org.citybridge.matchmaking.partnership.Partnership;
import org.citybridge.matchmaking.proposal.Proposal;
import org.citybridge.matchmaking.proposal.RescoreService;
import org.citybridge.matchmaking.ranking.MatchEngine;
import org.citybridge.matchmaking.readmodel.City;
import org.citybridge.matchmaking.readmodel.ReadModelLoader;
import org.citybridge.matchmaking.scoring.CountryPairs;
import org.citybridge.matchmaking.scoring.Features;
import org.citybridge.matchmaking.scoring.MatchSettings;
import org.citybridge.matchmaking.scoring.WeightFitter;
import org.citybridge.matchmaking.scoring.Weights;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The versions of the matchmaking model. The first is the configuration's; a fit (a job) learns a new one
 * from the platform's history and stores it inactive with its evaluation; activating a version announces
 * it (ModelActivated) and re-ranks every city in the background, without a restart and without stopping
 * event consumption.
 */
@ApplicationScoped
public class ModelService {

    /** Share of the recorded partnerships a fit holds out, twice: once to learn from, once to evaluate on. */
    static final double HELD_OUT = 0.1;

    @Inject
    MatchmakingConfig config;

    @Inject
    EventOutbox outbox;

    @Inject
    Jobs jobs;

    @Inject
    ReadModelLoader loader;

    @Inject
    RescoreService reranking;

    /** The active version; the configuration's becomes version 1 at first use. */
    public ModelVersion active() {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Optional<ModelVersion> active = ModelVersion.find("active", true).firstResultOptional();
            return active.orElseGet(this::fromConfiguration);
        });
    }

    public List<ModelVersion> versions() {
        return ModelVersion.list("order by version desc");
    }

    public Optional<ModelVersion> find(int version) {
        return ModelVersion.findByIdOptional(version);
    }

    /** What the engine scores with under a version of the model. */
    public MatchSettings settings(ModelVersion model) {
        // how proposals are kept (top N, minimum score, exposure cap) stays the configuration's
        return config.toSettings().withWeights(model.weightsAsModel()).withCountryPairs(model.countryPairsAsModel());
    }

    private ModelVersion fromConfiguration() {
        ModelVersion model = new ModelVersion();
        model.version = 1;
        model.weights = new LinkedHashMap<>(Weights.of(config.weights()).asMap());
        model.countryPairs = new LinkedHashMap<>(countryPairs(Set.of()).asMap());
        model.source = ModelVersion.Source.CONFIGURATION;
        model.active = true;
        model.createdAt = Clock.now();
        model.activatedAt = model.createdAt;
        model.persist();
        return model;
    }

    /**
     * Stores weights programme staff set themselves as a new, inactive version; the features not named keep
     * the active version's weights, and the country-pair statistics are learned from today's partnerships.
     *
     * @throws ApiException 400 for an unknown feature or a negative or non-finite weight
     */
    public ModelVersion create(Map<String, Double> weights, String note, String createdBy) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ModelVersion current = active();
            Map<String, Double> merged = new LinkedHashMap<>(current.weights);
            weights.forEach((key, weight) -> {
                if (Features.byKey(key).isEmpty()) {
                    throw ApiException.badRequest(
                            "weights." + key, "is no feature; the features are " + new TreeSet<>(Features.keys()));
                }
                if (weight == null || !Double.isFinite(weight) || weight < 0) {
                    throw ApiException.badRequest("weights." + key, "must be a finite number, 0 or more");
                }
                merged.put(key, weight);
            });
            Weights checked = Weights.of(merged);
            ModelVersion model = new ModelVersion();
            model.version = nextVersion();
            model.weights = new LinkedHashMap<>(checked.asMap());
            model.countryPairs = new LinkedHashMap<>(countryPairs(Set.of()).asMap());
            model.source = ModelVersion.Source.MANUAL;
            model.createdAt = Clock.now();
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("basedOn", current.version);
            report.put("createdBy", createdBy);
            if (note != null) {
                report.put("note", note);
            }
            model.report = report;
            model.persist();
            return model;
        });
    }

    private static int nextVersion() {
        return ModelVersion.<ModelVersion>find("order by version desc").firstResult().version + 1;
    }

    /** How often the countries of the recorded partnerships (but those left out) have twinned. */
    private static CountryPairs countryPairs(Set<UUID> leftOut) {
        Map<UUID, String> countries = new HashMap<>();
        for (City city : City.<City>listAll()) {
            countries.put(city.id, city.country);
        }
        List<String[]> pairs = new ArrayList<>();
        for (Partnership p : Partnership.<Partnership>listAll()) {
            if (!leftOut.contains(p.id)) {
                pairs.add(new String[] {countries.get(p.cityA), countries.get(p.cityB)});
            }
        }
        return CountryPairs.count(pairs);
    }

    /** Starts a fit: a job that stores a new, inactive version with its evaluation. */
    public Job fit(String requestedBy) {
        return jobs.submitExclusive("model-fit", requestedBy, progress -> {
            progress.total(3);
            Map<String, Object> result =
                    QuarkusTransaction.requiringNew().timeout(3600).call(() -> fitAndStore(progress));
            progress.done(3);
            return result;
        });
    }

    private Map<String, Object> fitAndStore(org.citybridge.kit.jobs.Jobs.Progress progress) {
        ModelVersion current = active();
        List<Partnership> history = Partnership.listAll();
        // by the facts, not their generated ids: the same history splits the same way on every instance
        history.sort(Comparator.comparing((Partnership p) -> p.cityA)
                .thenComparing(p -> p.cityB)
                .thenComparing(p -> p.kind)
                .thenComparing(p -> p.areaCode, Comparator.nullsFirst(Comparator.naturalOrder())));
        Collections.shuffle(history, new Random(20221122L));
        Map<UUID, Integer> degree = new HashMap<>();
        history.forEach(p -> {
            degree.merge(p.cityA, 1, Integer::sum);
            degree.merge(p.cityB, 1, Integer::sum);
        });
        // held out: partnerships whose cities keep another one (a city with no history teaches nothing)
        int quota = Math.max(1, (int) (history.size() * HELD_OUT));
        List<Partnership> learn = new ArrayList<>();
        List<Partnership> evaluate = new ArrayList<>();
        for (Partnership p : history) {
            if (degree.get(p.cityA) > 1
                    && degree.get(p.cityB) > 1
                    && (learn.size() < quota || evaluate.size() < quota)) {
                (learn.size() < quota ? learn : evaluate).add(p);
                degree.merge(p.cityA, -1, Integer::sum);
                degree.merge(p.cityB, -1, Integer::sum);
            }
        }
        if (learn.isEmpty() || evaluate.isEmpty()) {
            throw ApiException.unprocessable("Too little history to fit: " + history.size()
                    + " recorded partnerships, of which too few between cities with other partners");
        }
        Set<UUID> leftOut = new HashSet<>();
        learn.forEach(p -> leftOut.add(p.id));
        evaluate.forEach(p -> leftOut.add(p.id));
        MatchSettings base = settings(current).withCountryPairs(countryPairs(leftOut));
        MatchEngine history0 = loader.load(base, leftOut, false);
        progress.done(1);
        List<WeightFitter.Query> learnQueries = queries(learn, true);
        List<WeightFitter.Query> evaluateQueries = queries(evaluate, false);
        WeightFitter.Fit fit = WeightFitter.fit(history0.graph(), base, learnQueries, WeightFitter.Options.defaults());
        progress.done(2);
        WeightFitter.Quality before = WeightFitter.evaluate(history0.graph(), base, evaluateQueries, 10);
        WeightFitter.Quality after =
                WeightFitter.evaluate(history0.graph(), base.withWeights(fit.weights()), evaluateQueries, 10);

        ModelVersion model = new ModelVersion();
        model.version = nextVersion();
        model.weights = new LinkedHashMap<>(fit.weights().asMap());
        model.countryPairs = new LinkedHashMap<>(countryPairs(Set.of()).asMap());
        model.source = ModelVersion.Source.FIT;
        model.createdAt = Clock.now();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put(
                "method",
                "listwise softmax over each city's candidates, L2 "
                        + WeightFitter.Options.defaults().l2()
                        + ", non-negative weights, "
                        + WeightFitter.Options.defaults().iterations() + " steps, seed "
                        + WeightFitter.Options.defaults().seed()
                        + "; then a search of each learned weight for recall@10 on the same cities' best "
                        + WeightFitter.Options.defaults().recallPool() + " candidates");
        report.put("fittedFrom", current.version);
        report.put("recordedPartnerships", history.size());
        report.put("learnedFrom", learn.size());
        report.put("evaluatedOn", evaluate.size());
        report.put("declinedProposals", declinedCount());
        report.put("learnedFeatures", fit.learned());
        report.put("loss", fit.loss());
        report.put("searchedFeatures", fit.tuned());
        if (!fit.search().isEmpty()) {
            report.put(
                    "search",
                    Map.of(
                            "before", figures(fit.search().get(0)),
                            "after", figures(fit.search().get(1)),
                            "pairs", fit.search().get(1).pairs()));
        }
        Map<String, Object> currentFigures = new LinkedHashMap<>(Map.of("version", current.version));
        currentFigures.putAll(figures(before));
        report.put("evaluation", Map.of("current", currentFigures, "fitted", figures(after), "pairs", after.pairs()));
        model.report = report;
        model.persist();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("version", model.version);
        result.put("report", report);
        return result;
    }

    private static Map<String, Object> figures(WeightFitter.Quality quality) {
        return Map.of("recallAt10", quality.recall(), "mrrAt10", quality.mrr());
    }

    private static long declinedCount() {
        return Proposal.count("status", Proposal.Status.DECLINED);
    }

    /** Per city, its held-out partners; for learning, also the cities it declined. */
    private static List<WeightFitter.Query> queries(List<Partnership> held, boolean withDeclines) {
        Map<UUID, Set<UUID>> positives = new LinkedHashMap<>();
        for (Partnership p : held) {
            positives.computeIfAbsent(p.cityA, k -> new HashSet<>()).add(p.cityB);
            positives.computeIfAbsent(p.cityB, k -> new HashSet<>()).add(p.cityA);
        }
        Map<UUID, Set<UUID>> negatives = new HashMap<>();
        if (withDeclines) {
            for (Proposal declined : Proposal.<Proposal>list("status", Proposal.Status.DECLINED)) {
                negatives.computeIfAbsent(declined.cityA, k -> new HashSet<>()).add(declined.cityB);
                negatives.computeIfAbsent(declined.cityB, k -> new HashSet<>()).add(declined.cityA);
            }
        }
        List<WeightFitter.Query> queries = new ArrayList<>();
        positives.forEach((city, partners) ->
                queries.add(new WeightFitter.Query(city, partners, negatives.getOrDefault(city, Set.of()))));
        return queries;
    }

    /**
     * Activates a version: it becomes the one every score uses, is announced, and every city is re-ranked
     * by a job.
     *
     * @param expected the active version's row version, as its ETag said
     */
    public Job activate(int version, ExpectedVersion expected, String requestedBy) {
        ModelVersion activated = QuarkusTransaction.requiringNew().call(() -> {
            ModelVersion current = active();
            expected.check(current.rowVersion);
            ModelVersion target = ModelVersion.findById(version);
            if (target == null) {
                throw ApiException.notFound("Model version", version);
            }
            if (target.version == current.version) {
                throw ApiException.conflict("Model version " + version + " is already active");
            }
            current.active = false;
            ModelVersion.getEntityManager().flush(); // one active version at a time (unique index)
            target.active = true;
            target.activatedAt = Clock.now();
            outbox.append(new ModelActivated(target.version, target.weights, target.source.name(), target.activatedAt));
            return target;
        });
        return reranking.start("model-activation", requestedBy, settings(activated));
    }
}
