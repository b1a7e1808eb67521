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
            }),
            new Baseline("paths of three (L3)", new PathsOfThree(graph)::score)
        };
    }

    /**
     * Paths of three partnerships q – x – y – c, each counted 1 / √(partners of x × partners of y) (Kovács et
     * al., 2019): scored for every candidate of a query at once, the query's scores kept until the next.
     */
    static final class PathsOfThree {
        private final KnownGraph graph;
        private int query = -1;
        private double[] scores;

        PathsOfThree(KnownGraph graph) {
            this.graph = graph;
        }

        double score(int q, int c) {
            if (q != query) {
                scores = new double[graph.cities.size()];
                for (int x : graph.partners[q]) {
                    for (int y : graph.partners[x]) {
                        if (y != q) {
                            double path = 1 / Math.sqrt((double) graph.degree(x) * graph.degree(y));
                            for (int z : graph.partners[y]) {
                                scores[z] += path;
                            }
                        }
                    }
                }
                query = q;
            }
            return scores[c];
        }
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
