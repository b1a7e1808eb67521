package org.citybridge.matchmaking.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.web.IdempotencyKeys;
import org.citybridge.kit.web.IdempotentResponse;
import org.citybridge.matchmaking.PairingRoundRecord;
import org.citybridge.matchmaking.ProposalRecord;
import org.citybridge.matchmaking.domain.CityView;
import org.citybridge.matchmaking.domain.Match;
import org.citybridge.matchmaking.domain.MatchEngine;
import org.citybridge.matchmaking.domain.PairingSolver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Pairing rounds: pair a group of cities with another over the matchmaking scores, optimally
 * (maximum total) or stably (no blocking pair), store the result, and turn it into proposals on request.
 */
@ApplicationScoped
public class PairingService {

    /** Largest group accepted, to bound the cost of one round (the score matrix is |A| × |B|). */
    public static final int MAX_GROUP = 2000;

    private final MatchmakingState state;
    private final ProposalService proposals;
    private final IdempotencyKeys keys;
    private final Json json;

    public PairingService(MatchmakingState state, ProposalService proposals, IdempotencyKeys keys, Json json) {
        this.state = state;
        this.proposals = proposals;
        this.keys = keys;
        this.json = json;
    }

    /** Runs and stores a round. */
    public IdempotentResponse run(GroupQuery groupA, GroupQuery groupB, ProposalKind kind, CooperationArea area,
                                  int capacity, String method, String idempotencyKey, String scope, Object request,
                                  Function<PairingRoundResult, IdempotentResponse> respond) {
        if (kind == ProposalKind.SISTER_CITY && area != null) {
            throw ApiException.badRequest("area", "must be empty for sister-city rounds");
        }
        return state.locked(() -> keys.execute(idempotencyKey, scope, request, () -> {
            MatchEngine engine = state.engine();
            List<CityView> left = resolve(engine, groupA, "groupA");
            List<CityView> right = resolve(engine, groupB, "groupB");
            Set<UUID> overlap = new HashSet<>();
            left.forEach(c -> overlap.add(c.id()));
            List<UUID> both = right.stream().map(CityView::id).filter(overlap::contains).toList();
            if (!both.isEmpty()) {
                throw ApiException.unprocessable("The groups must not overlap; in both: " + both);
            }
            PairingRoundResult result = solve(engine, UUID.randomUUID(), left, right, kind, area, capacity, method);
            PairingRoundRecord record = new PairingRoundRecord();
            record.id = result.id();
            record.method = method;
            record.kind = kind;
            record.area = area == null ? null : area.code();
            record.capacity = capacity;
            record.request = json.write(request);
            record.result = json.write(result);
            record.totalScore = result.totalScore();
            record.createdAt = result.createdAt();
            record.persist();
            return respond.apply(result);
        }));
    }

    public Optional<PairingRoundResult> find(UUID id) {
        return PairingRoundRecord.<PairingRoundRecord>findByIdOptional(id)
                .map(r -> json.read(r.result, PairingRoundResult.class))
                .map(r -> r.proposalsCreated() ? r : withFlag(r, id));
    }

    private PairingRoundResult withFlag(PairingRoundResult result, UUID id) {
        PairingRoundRecord record = PairingRoundRecord.findById(id);
        return record.proposalsCreated ? result.withProposalsCreated() : result;
    }

    public long version(UUID id) {
        PairingRoundRecord record = PairingRoundRecord.findById(id);
        return record == null ? 0 : record.version;
    }

    /** Turns the round's pairs into proposals (once); returns the proposals. */
    public List<ProposalRecord> createProposals(UUID roundId) {
        return state.locked(() -> QuarkusTransaction.requiringNew().call(() -> {
            PairingRoundRecord record = PairingRoundRecord.findById(roundId);
            if (record == null) {
                throw ApiException.notFound("Pairing round", roundId);
            }
            if (record.proposalsCreated) {
                throw ApiException.conflict("The proposals of pairing round " + roundId + " were already created");
            }
            PairingRoundResult result = json.read(record.result, PairingRoundResult.class);
            Instant now = Instant.now();
            List<ProposalRecord> created = new ArrayList<>();
            for (PairingRoundResult.RoundPair pair : result.pairs()) {
                Match match = new Match(pair.cityA(), pair.cityB(), pair.kind(), pair.area(), pair.score(), pair.reasons());
                proposals.upsert(match, ProposalRecord.Origin.PAIRING_ROUND, now).ifPresent(created::add);
            }
            record.proposalsCreated = true;
            record.result = json.write(result.withProposalsCreated());
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
            for (UUID id : new java.util.LinkedHashSet<>(query.cityIds())) {
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
                if (city.registered() && !city.retired()
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
        cities.sort(java.util.Comparator.comparing(CityView::id));
        return cities;
    }

    static PairingRoundResult solve(MatchEngine engine, UUID id, List<CityView> left, List<CityView> right,
                                    ProposalKind kind, CooperationArea area, int capacity, String method) {
        double[][] w = engine.scoreMatrix(left.stream().map(CityView::id).toList(),
                right.stream().map(CityView::id).toList(), kind, area);
        boolean optimal = "optimal".equals(method.toLowerCase(Locale.ROOT));
        List<PairingSolver.Pair> chosen = optimal ? PairingSolver.optimal(w, capacity) : PairingSolver.stable(w, capacity);
        List<PairingRoundResult.RoundPair> pairs = new ArrayList<>();
        int[] leftCount = new int[left.size()];
        int[] rightCount = new int[right.size()];
        double total = 0;
        for (PairingSolver.Pair pair : chosen) {
            CityView a = left.get(pair.left());
            CityView b = right.get(pair.right());
            Match match = engine.matchFor(a.id(), b.id(), kind, area, true).orElseThrow();
            pairs.add(new PairingRoundResult.RoundPair(a.id(), a.name(), b.id(), b.name(), match.kind(), match.area(),
                    match.score(), match.reasons()));
            leftCount[pair.left()]++;
            rightCount[pair.right()]++;
            total += w[pair.left()][pair.right()];
        }
        List<PairingRoundResult.Unmatched> unmatched = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            if (leftCount[i] == 0) {
                unmatched.add(new PairingRoundResult.Unmatched(left.get(i).id(), left.get(i).name(),
                        reason(anyFeasible(w, i, true), optimal)));
            }
        }
        for (int j = 0; j < right.size(); j++) {
            if (rightCount[j] == 0) {
                unmatched.add(new PairingRoundResult.Unmatched(right.get(j).id(), right.get(j).name(),
                        reason(anyFeasible(w, j, false), optimal)));
            }
        }
        return new PairingRoundResult(id, optimal ? "optimal" : "stable", kind, area, capacity,
                left.stream().map(CityView::id).toList(), right.stream().map(CityView::id).toList(), pairs, unmatched,
                total, false, Instant.now());
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
        return optimal ? "Its eligible partners were needed in pairs that give a higher total score"
                : "Every eligible partner was taken by cities it prefers";
    }
}
