package org.citybridge.matchmaking.scoring;

import org.citybridge.contracts.events.MatchReason;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * The contract every feature signs (see {@link PairFeature}), checked on random worlds for every pair:
 * the same contribution with and without reasons, reasons that add up to it and carry its code, a pair
 * bound and search bounds that are never below it (the search bounds with the features it nets); and for
 * the whole model, that the search's bound of
 * a city's score with any non-sparse candidate is never below the score.
 */
class FeatureContractTest {

    private static final double EPS = 1e-9;

    @ParameterizedTest
    @ValueSource(longs = {101, 102, 103})
    void shouldKeepEveryFeaturesContractOnEveryPairOfARandomWorld(long seed) {
        RandomWorld world = new RandomWorld(seed);
        CityGraph graph = new CityGraph(DevelopingEconomies.load());
        List<UUID[]> interests = new ArrayList<>();
        for (int step = 0; step < 700; step++) {
            world.randomEvent(target(graph), interests);
        }
        CountryPairs countryPairs = world.countryPairs();
        for (Weights weights : List.of(
                Weights.defaults(),
                TestWeights.positional(0, 2.0, 1.0, 1.0, 1.0, 3.0, 1.0, 1.0, 4.0, 1.0, 2.0, 0.5),
                TestWeights.EVERY_FEATURE)) {
            PairScorer scorer =
                    new PairScorer(graph, new MatchSettings(weights, 10, 1.0, SouthSouthMode.BONUS, countryPairs));
            int contributing = 0;
            for (CityNode x : graph.nodes) {
                for (CityNode y : graph.nodes) {
                    if (x == y) {
                        continue;
                    }
                    Pair pair = scorer.pair(x, y);
                    for (PairFeature feature : Features.PAIR) {
                        contributing += checkPairFeature(scorer, feature, pair, x, y) ? 1 : 0;
                    }
                    checkSearchBound(scorer, x, y);
                }
            }
            assertThat(contributing)
                    .as("pairs where some feature gives something")
                    .isGreaterThan(1000);
        }
    }

    private static boolean checkPairFeature(PairScorer scorer, PairFeature feature, Pair pair, CityNode x, CityNode y) {
        Reasons reasons = new Reasons();
        double value = feature.contribute(pair, reasons);
        double silent = feature.contribute(pair, null);
        String what = feature + " " + pair.a.label() + " / " + pair.b.label();
        assertThat(Double.doubleToLongBits(value))
                .as("%s: with and without reasons", what)
                .isEqualTo(Double.doubleToLongBits(silent));
        List<MatchReason> given = reasons.list();
        assertThat(given.stream().mapToDouble(MatchReason::contribution).sum())
                .as("%s: reasons add up", what)
                .isCloseTo(value, offset(EPS));
        assertThat(given).as("%s: reasons", what).allSatisfy(r -> {
            assertThat(r.code()).isEqualTo(feature.code());
            assertThat(r.text()).isNotBlank();
        });
        if (value != 0) {
            assertThat(given).as("%s: a contribution is explained", what).isNotEmpty();
        }
        assertThat(feature.bound(scorer, x, y)).as("%s: pair bound", what).isGreaterThanOrEqualTo(value - EPS);
        if (feature.onlySparse()) {
            assertThat(listBound(scorer, feature, x, y) + feature.residual(scorer, x))
                    .as("%s: only sparse candidates, so no lists and no residual", what)
                    .isZero();
        }
        if (!sparse(scorer, feature, x, y)) {
            if (feature.onlySparse()) {
                assertThat(value)
                        .as("%s: only sparse candidates get something", what)
                        .isZero();
            }
            double bounded = value;
            for (PairFeature netted : feature.nets()) {
                double taken = netted.contribute(pair, null);
                assertThat(taken)
                        .as("%s: %s never gives more than 0", what, netted)
                        .isLessThanOrEqualTo(0);
                bounded += taken;
            }
            double searchBound = listBound(scorer, feature, x, y) + feature.residual(scorer, x);
            assertThat(searchBound)
                    .as("%s: search bound of %s", what, x.label())
                    .isGreaterThanOrEqualTo(bounded - EPS);
        }
        return value != 0;
    }

    /** The whole model: what the search adds up for a candidate is never below its score. */
    private static void checkSearchBound(PairScorer scorer, CityNode a, CityNode b) {
        double score = scorer.scoreOnly(a, b);
        if (Double.isNaN(score)) {
            return;
        }
        boolean[] sparse = {false};
        scorer.sparseCandidates(a, c -> sparse[0] |= c == b.idx);
        if (sparse[0]) {
            return;
        }
        double bound = ScoringWorld.candidateBound(b, lists -> scorer.searchLists(a, lists)) + scorer.residual(a);
        assertThat(bound).as("search bound of %s for %s", a.label(), b.label()).isGreaterThanOrEqualTo(score - EPS);
        assertThat(scorer.upperBound(a, b))
                .as("pair bound of %s for %s", a.label(), b.label())
                .isGreaterThanOrEqualTo(score - EPS);
        assertThat(scorer.upperBoundOutsideSparse(a, b))
                .as("pair bound of %s for %s, not a sparse candidate", a.label(), b.label())
                .isGreaterThanOrEqualTo(score - EPS);
    }

    private static boolean sparse(PairScorer scorer, PairFeature feature, CityNode a, CityNode b) {
        boolean[] found = {false};
        feature.sparseCandidates(scorer.graph(), a, c -> found[0] |= c == b.idx);
        return found[0];
    }

    private static double listBound(PairScorer scorer, PairFeature feature, CityNode a, CityNode b) {
        return ScoringWorld.candidateBound(b, lists -> feature.searchLists(scorer, a, lists));
    }

    /** Random events applied to the scoring graph alone. */
    static RandomWorld.Target target(CityGraph graph) {
        return new RandomWorld.Target() {
            public void upsertCity(CityFacts facts) {
                graph.upsertCity(facts);
            }

            public void expressInterest(UUID city, InterestFacts interest) {
                graph.expressInterest(city, interest);
            }

            public void withdrawInterest(UUID city, UUID interestId) {
                graph.withdrawInterest(city, interestId);
            }

            public void joinCluster(UUID cluster, UUID city) {
                graph.joinCluster(cluster, city);
            }

            public void leaveCluster(UUID cluster, UUID city) {
                graph.leaveCluster(cluster, city);
            }

            public void exchangeHeld(UUID exchange, String title, LocalDate date, List<UUID> participants) {
                graph.exchangeHeld(exchange, title, date, participants);
            }

            public void surveyAnswered(UUID exchange, UUID city, boolean wantsPartnership) {
                graph.surveyAnswered(exchange, city, wantsPartnership);
            }

            public void partnershipFormed(UUID cityA, UUID cityB) {
                graph.partnershipFormed(graph.node(cityA), graph.node(cityB));
            }

            public List<Match> topMatches(UUID city) {
                PairScorer scorer = new PairScorer(graph, MatchSettings.defaults());
                List<Match> matches = new ArrayList<>();
                for (CityNode other : graph.nodes) {
                    Match match = scorer.evaluate(graph.node(city), other, false, PairScorer.Requirement.AUTO);
                    if (match != null && matches.size() < 5) {
                        matches.add(match);
                    }
                }
                return matches;
            }

            public void declined(UUID cityA, UUID cityB, ProposalKind kind, CooperationArea area) {
                graph.declined(cityA, cityB, kind, area);
            }

            public void retireCity(UUID city) {
                graph.retire(city);
            }
        };
    }
}
