package org.citybridge.matchmaking.pairing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.kit.jobs.Job;
import org.citybridge.kit.jobs.Jobs;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.time.Clock;
import org.citybridge.matchmaking.config.MatchmakingConfig;
import org.citybridge.matchmaking.proposal.Proposal;
import org.citybridge.matchmaking.proposal.ProposalSync;
import org.citybridge.matchmaking.ranking.MatchEngine;
import org.citybridge.matchmaking.readmodel.MatchmakingState;
import org.citybridge.matchmaking.scoring.CityView;
import org.citybridge.matchmaking.scoring.Match;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Pairing rounds: pair a group of cities with another over the matchmaking scores, optimally
 * (maximum total) or stably (no blocking pair), store the result, and turn it into proposals on request.
 */
@ApplicationScoped
public class PairingService {

    /** Largest group accepted, to bound the cost of one round (the score matrix is |A| × |B|). */
    public static final int MAX_GROUP = 2000;

    /**
     * A round to run: group A paired with group B, for a kind (and area), up to {@code capacity} partners
     * per city, {@code optimal} (maximum total score) or {@code stable} (no blocking pair).
     */
    public record RunRound(
            GroupQuery groupA,
            GroupQuery groupB,
            ProposalKind kind,
            CooperationArea area,
            int capacity,
            String method) {}

    @Inject
    MatchmakingState state;

    @Inject
    MatchmakingConfig config;

    private Semaphore admitted;

    @Inject
    ProposalSync proposals;

    @Inject
    Jobs jobs;

    /** Checks a round before anything runs: 400 for a request that can never succeed. */
    public void validate(RunRound command) {
        if (command.kind() == ProposalKind.SISTER_CITY && command.area() != null) {
            throw ApiException.badRequest("area", "must be empty for sister-city rounds");
        }
    }

    @PostConstruct
    void init() {
        admitted = new Semaphore(config.maxConcurrentPairingRounds());
    }

    /**
     * Runs {@code work} if fewer than {@code max-concurrent-pairing-rounds} rounds are running or waiting for
     * the engine; otherwise 503 with Retry-After, so that rounds cannot pile up and hold every request thread.
     */
    public <T> T admitted(Supplier<T> work) {
        if (!admitted.tryAcquire()) {
            throw new ApiException(
                            503,
                            "busy",
                            "Service busy",
                            config.maxConcurrentPairingRounds()
                                    + " pairing rounds are running already; retry when one has finished",
                            null)
                    .withHeader("Retry-After", "5");
        }
        try {
            return work.get();
        } finally {
            admitted.release();
        }
    }

    /** Rounds running or waiting for the engine now. */
    /** As {@link #admitted}, waiting for a free place instead of refusing (a job's round, queued already). */
    <T> T admittedWhenFree(Supplier<T> work) {
        admitted.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            admitted.release();
        }
    }

    public int roundsInProgress() {
        return config.maxConcurrentPairingRounds() - admitted.availablePermits();
    }

    /**
     * Runs {@code work} under the engine lock; the transaction {@code work} opens commits before the lock
     * is released.
     */
    public <T> T locked(Supplier<T> work) {
        return state.locked(work);
    }

    /** Runs and stores a round, in the caller's transaction; the caller holds the engine lock ({@link #locked}). */
    public PairingRound run(RunRound command) {
        validate(command);
        MatchEngine engine = state.engine();
        List<CityView> left = resolve(engine, command.groupA(), "groupA");
        List<CityView> right = resolve(engine, command.groupB(), "groupB");
        Set<UUID> overlap = new HashSet<>();
        left.forEach(c -> overlap.add(c.id()));
        List<UUID> both =
                right.stream().map(CityView::id).filter(overlap::contains).toList();
        if (!both.isEmpty()) {
            throw ApiException.unprocessable("The groups must not overlap; in both: " + both);
        }
        PairingRoundResult result = solve(
                engine,
                UUID.randomUUID(),
                left,
                right,
                command.kind(),
                command.area(),
                command.capacity(),
                command.method());
        PairingRound round = new PairingRound();
        round.id = result.id();
        round.method = command.method();
        round.kind = command.kind();
        round.area = command.area() == null ? null : command.area().code();
        round.capacity = command.capacity();
        round.request = command;
        round.result = result;
        round.totalScore = result.totalScore();
        round.createdAt = result.createdAt();
        round.persist();
        return round;
    }

    /** Whether the round pairs more cities than a request should wait for: it then runs as a job. */
    public boolean large(RunRound command) {
        return state.locked(() -> {
            MatchEngine engine = state.engine();
            long pairs = (long) resolve(engine, command.groupA(), "groupA").size()
                    * resolve(engine, command.groupB(), "groupB").size();
            return pairs > config.pairingJobThreshold();
        });
    }

    /** Runs a large round as a job: the round is stored as a request would store it, the job names it. */
    public Job runAsJob(RunRound command, String requestedBy) {
        return jobs.submit(
                "pairing-round",
                requestedBy,
                progress -> admittedWhenFree(() -> {
                    PairingRound round =
                            state.locked(() -> QuarkusTransaction.requiringNew().call(() -> run(command)));
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("pairingRoundId", round.id);
                    result.put("location", "/api/v1/pairing-rounds/" + round.id);
                    result.put("pairs", round.result.pairs().size());
                    result.put("unmatched", round.result.unmatched().size());
                    result.put("totalScore", round.totalScore);
                    return result;
                }));
    }

    public Optional<PairingRound> find(UUID id) {
        return PairingRound.findByIdOptional(id);
    }

    /** Turns the round's pairs into proposals (once); returns the proposals. */
    public List<Proposal> createProposals(UUID roundId) {
        return state.locked(() -> QuarkusTransaction.requiringNew().call(() -> {
            PairingRound round = PairingRound.findById(roundId);
            if (round == null) {
                throw ApiException.notFound("Pairing round", roundId);
            }
            if (round.proposalsCreated) {
                throw ApiException.conflict("The proposals of pairing round " + roundId + " were already created");
            }
            Instant now = Clock.now();
            List<Proposal> created = new ArrayList<>();
            for (PairingRoundResult.RoundPair pair : round.result.pairs()) {
                Match match =
                        new Match(pair.cityA(), pair.cityB(), pair.kind(), pair.area(), pair.score(), pair.reasons());
                proposals.upsert(match, Proposal.Origin.PAIRING_ROUND, now).ifPresent(created::add);
            }
            round.proposalsCreated = true;
            round.result = round.result.withProposalsCreated();
            return created;
        }));
    }

    private static List<CityView> resolve(MatchEngine engine, GroupQuery query, String field) {
        if (query == null) {
            throw ApiException.badRequest(field, "required");
        }
        List<CityView> cities = new ArrayList<>();
        if (query.explicit()) {
            List<UUID> unknown = new ArrayList<>();
            for (UUID id : new LinkedHashSet<>(query.cityIds())) {
                Optional<CityView> city = engine.city(id).filter(c -> c.registered() && !c.retired());
                city.ifPresentOrElse(cities::add, () -> unknown.add(id));
            }
            if (!unknown.isEmpty()) {
                throw ApiException.unprocessable(field + ": unknown or retired cities " + unknown);
            }
        } else {
            if (query.country() == null && query.clusterId() == null && query.area() == null) {
                throw ApiException.badRequest(field, "give cityIds, or at least one of country, clusterId, area");
            }
            for (CityView city : engine.cities()) {
                if (city.registered()
                        && !city.retired()
                        && (query.country() == null || query.country().equalsIgnoreCase(city.country()))
                        && (query.clusterId() == null || city.clusters().contains(query.clusterId()))
                        && (query.area() == null || city.areas().contains(query.area()))) {
                    cities.add(city);
                }
            }
        }
        if (cities.size() > MAX_GROUP) {
            throw ApiException.unprocessable(field + " has " + cities.size() + " cities; at most " + MAX_GROUP);
        }
        cities.sort(Comparator.comparing(CityView::id));
        return cities;
    }

    static PairingRoundResult solve(
            MatchEngine engine,
            UUID id,
            List<CityView> left,
            List<CityView> right,
            ProposalKind kind,
            CooperationArea area,
            int capacity,
            String method) {
        double[][] w = engine.scoreMatrix(
                left.stream().map(CityView::id).toList(),
                right.stream().map(CityView::id).toList(),
                kind,
                area);
        boolean optimal = "optimal".equals(method.toLowerCase(Locale.ROOT));
        List<PairingSolver.Pair> chosen =
                optimal ? PairingSolver.optimal(w, capacity) : PairingSolver.stable(w, capacity);
        List<PairingRoundResult.RoundPair> pairs = new ArrayList<>();
        int[] leftCount = new int[left.size()];
        int[] rightCount = new int[right.size()];
        double total = 0;
        for (PairingSolver.Pair pair : chosen) {
            CityView a = left.get(pair.left());
            CityView b = right.get(pair.right());
            Match match = engine.matchFor(a.id(), b.id(), kind, area, true).orElseThrow();
            pairs.add(new PairingRoundResult.RoundPair(
                    a.id(), a.name(), b.id(), b.name(), match.kind(), match.area(), match.score(), match.reasons()));
            leftCount[pair.left()]++;
            rightCount[pair.right()]++;
            total += w[pair.left()][pair.right()];
        }
        List<PairingRoundResult.Unmatched> unmatched = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            if (leftCount[i] == 0) {
                unmatched.add(new PairingRoundResult.Unmatched(
                        left.get(i).id(), left.get(i).name(), reason(anyFeasible(w, i, true), optimal)));
            }
        }
        for (int j = 0; j < right.size(); j++) {
            if (rightCount[j] == 0) {
                unmatched.add(new PairingRoundResult.Unmatched(
                        right.get(j).id(), right.get(j).name(), reason(anyFeasible(w, j, false), optimal)));
            }
        }
        return new PairingRoundResult(
                id,
                optimal ? "optimal" : "stable",
                kind,
                area,
                capacity,
                left.stream().map(CityView::id).toList(),
                right.stream().map(CityView::id).toList(),
                pairs,
                unmatched,
                total,
                false,
                Clock.now());
    }

    private static boolean anyFeasible(double[][] w, int index, boolean row) {
        int n = row ? (w.length == 0 ? 0 : w[0].length) : w.length;
        for (int k = 0; k < n; k++) {
            if (PairingSolver.feasible(row ? w[index][k] : w[k][index])) {
                return true;
            }
        }
        return false;
    }

    private static String reason(boolean hadOptions, boolean optimal) {
        if (!hadOptions) {
            return "No eligible partner in the other group (hard constraints, or no positive score)";
        }
        return optimal
                ? "Its eligible partners were needed in pairs that give a higher total score"
                : "Every eligible partner was taken by cities it prefers";
    }
}
