package org.citybridge.bench.quality;

import org.citybridge.bench.quality.TwinningData.City;

import java.util.function.ToDoubleBiFunction;

/**
 * The simple link predictors CityBridge is measured against, each a score of a candidate for a query
 * city on the known graph; {@link Ranking} breaks their ties at random (seeded), as an arbitrary order
 * would.
 */
final class Baselines {

    /** A named score of (query, candidate). */
    record Baseline(String name, ToDoubleBiFunction<Integer, Integer> score) {}

    private Baselines() {}

    static Baseline[] all(KnownGraph graph) {
        return new Baseline[] {
            new Baseline("random", (q, c) -> 0),
            new Baseline("preferential attachment (partners of the candidate)", (q, c) -> graph.degree(c)),
            new Baseline("common neighbours", (q, c) -> common(graph, q, c, false)),
            new Baseline("Adamic–Adar", (q, c) -> common(graph, q, c, true)),
            new Baseline(
                    "country-pair frequency",
                    (q, c) -> graph.countryPairCount(
                            graph.cities.get(q).country(), graph.cities.get(c).country())),
            new Baseline("geographic proximity", (q, c) -> {
                City a = graph.cities.get(q);
                City b = graph.cities.get(c);
                return -KnownGraph.distanceKm(a, b);
            })
        };
    }

    /** Common partners, counted or weighted by 1 / ln(their number of partners) (Adamic–Adar). */
    static double common(KnownGraph graph, int a, int b, boolean adamicAdar) {
        double sum = 0;
        for (int z : graph.partners[a]) {
            for (int y : graph.partners[z]) {
                if (y == b) {
                    sum += adamicAdar ? 1 / Math.log(graph.degree(z)) : 1;
                }
            }
        }
        return sum;
    }
}
