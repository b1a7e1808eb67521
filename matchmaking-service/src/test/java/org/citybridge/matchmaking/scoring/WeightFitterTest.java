package org.citybridge.matchmaking.scoring;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fit depends on the history, not on the order in which its cities reached the instance: two instances
 * that learned the same facts in different orders (as partitions interleave) fit the same weights.
 */
class WeightFitterTest {

    private static final int CITIES = 300;

    @Test
    void shouldFitTheSameWeightsWhateverOrderTheCitiesArrivedIn() {
        RandomWorld world = new RandomWorld(42);
        List<CityFacts> facts = new ArrayList<>();
        List<InterestFacts> interests = new ArrayList<>();
        for (int i = 0; i < CITIES; i++) {
            facts.add(world.facts(world.newCityId()));
            interests.add(world.interest());
        }
        List<UUID[]> known = new ArrayList<>();
        List<WeightFitter.Query> queries = new ArrayList<>();
        for (int i = 0; i < CITIES; i++) {
            UUID a = facts.get(i).cityId();
            known.add(new UUID[] {a, facts.get((i * 7 + 3) % CITIES).cityId()});
            if (i % 3 == 0) {
                queries.add(new WeightFitter.Query(
                        a, Set.of(facts.get((i * 11 + 5) % CITIES).cityId()), Set.of()));
            }
        }
        MatchSettings settings = MatchSettings.defaults().withCountryPairs(world.countryPairs());
        WeightFitter.Options options = new WeightFitter.Options(7L, 40, 10, 1e-3, 60, 1, 30);

        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < CITIES; i++) {
            order.add(i);
        }
        Map<String, Double> inOrder = fit(graph(facts, interests, known, order), settings, queries, options);
        Collections.reverse(order);
        Map<String, Double> reversed = fit(graph(facts, interests, known, order), settings, queries, options);

        assertThat(inOrder)
                .as("weights changed by the fit")
                .isNotEqualTo(settings.weights().asMap());
        assertThat(reversed).isEqualTo(inOrder);
    }

    /**
     * Each query city's one positive shares a partner with it, and no other candidate does: the network
     * feature alone finds them. Started with that weight at 0 (as a likelihood fit can leave a feature that
     * lifts few candidates), the search for recall@10 gives it a weight, and the full ranking (not the
     * search's pools) then lists more positives in its first ten.
     */
    @Test
    void shouldSearchAWeightTheLikelihoodLeftAtZeroForRecallAtTen() {
        RandomWorld world = new RandomWorld(11);
        List<CityFacts> facts = new ArrayList<>();
        List<InterestFacts> interests = new ArrayList<>();
        for (int i = 0; i < CITIES; i++) {
            facts.add(world.facts(world.newCityId()));
            // one interest for all: every pair of cities in two countries is a candidate
            interests.add(new InterestFacts(
                    new UUID(3, i), CooperationArea.CULTURE, Stance.MUTUAL, Intent.SISTER_CITY, List.of(), List.of()));
        }
        List<UUID[]> known = new ArrayList<>();
        List<WeightFitter.Query> queries = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            CityFacts a = facts.get(i);
            CityFacts middle = facts.get(60 + i);
            CityFacts b = facts.get(120 + i);
            known.add(new UUID[] {a.cityId(), middle.cityId()});
            known.add(new UUID[] {middle.cityId(), b.cityId()});
            if (!a.country().equals(b.country())) {
                queries.add(new WeightFitter.Query(a.cityId(), Set.of(b.cityId())));
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < CITIES; i++) {
            order.add(i);
        }
        CityGraph graph = graph(facts, interests, known, order);
        MatchSettings settings = MatchSettings.defaults().withCountryPairs(world.countryPairs());
        Weights start = settings.weights().with(Features.NETWORK.key(), 0);
        // proximity would lift some positives too (a few lie near their query city by chance): not learned here
        WeightFitter.Fit likelihood = new WeightFitter.Fit(
                start,
                List.of(Features.NETWORK.key(), Features.SCALE.key()),
                1,
                queries.size(),
                0,
                List.of(),
                List.of());

        WeightFitter.Fit searched = WeightFitter.searchForRecall(graph, settings, likelihood, queries, 30);

        assertThat(searched.weights().of(Features.NETWORK)).isPositive();
        assertThat(searched.tuned()).contains(Features.NETWORK.key());
        assertThat(searched.weights().of(Features.PROXIMITY))
                .as("a weight not learned is not searched")
                .isEqualTo(start.of(Features.PROXIMITY));
        double before = WeightFitter.evaluate(graph, settings.withWeights(start), queries, 10)
                .recall();
        double after = WeightFitter.evaluate(graph, settings.withWeights(searched.weights()), queries, 10)
                .recall();
        assertThat(after).as("recall@10 of the full ranking").isGreaterThan(before + 0.5);
        assertThat(searched.search().get(1).recall())
                .as("the search reports the full ranking's recall@10, minimum score included")
                .isEqualTo(after);
        assertThat(searched.search().get(0).recall()).isEqualTo(before);
    }

    private static Map<String, Double> fit(
            CityGraph graph, MatchSettings settings, List<WeightFitter.Query> queries, WeightFitter.Options options) {
        return WeightFitter.fit(graph, settings, queries, options).weights().asMap();
    }

    private static CityGraph graph(
            List<CityFacts> facts, List<InterestFacts> interests, List<UUID[]> known, List<Integer> order) {
        CityGraph graph = new CityGraph(DevelopingEconomies.load());
        for (int i : order) {
            graph.upsertCity(facts.get(i));
        }
        for (int i : order) {
            graph.expressInterest(facts.get(i).cityId(), interests.get(i));
        }
        // the partnerships in the cities' order, as far as there are any
        List<UUID[]> partnerships = new ArrayList<>();
        order.stream().filter(i -> i < known.size()).forEach(i -> partnerships.add(known.get(i)));
        for (UUID[] pair : partnerships) {
            graph.partnershipFormed(graph.find(pair[0]), graph.find(pair[1]));
        }
        return graph;
    }
}
