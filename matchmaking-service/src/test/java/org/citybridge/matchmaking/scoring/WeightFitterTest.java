package org.citybridge.matchmaking.scoring;

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
        WeightFitter.Options options = new WeightFitter.Options(7L, 40, 10, 1e-3, 60, 1);

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
        for (int i : order) {
            UUID[] pair = known.get(i);
            graph.partnershipFormed(graph.find(pair[0]), graph.find(pair[1]));
        }
        return graph;
    }
}
