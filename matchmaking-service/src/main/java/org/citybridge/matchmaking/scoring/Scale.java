package org.citybridge.matchmaking.scoring;

import java.util.Map;

/**
 * Similar population: 1 for equal populations, falling linearly to 0 at a factor of 100: "Similar scale
 * (9,209,944 and 7,079,000 inhabitants)". Bounded by lists of cities per half decade of population.
 */
final class Scale extends PairFeature {

    Scale() {
        super("scale", "scale", 0.5);
    }

    @Override
    double contribute(Pair pair, Reasons out) {
        double contribution = exact(pair.scorer, pair.a, pair.b);
        if (contribution > 0 && out != null) {
            out.add(
                    this,
                    "Similar scale (" + Reasons.grouped(pair.a.population) + " and "
                            + Reasons.grouped(pair.b.population) + " inhabitants)",
                    contribution,
                    Map.of("populationA", pair.a.population, "populationB", pair.b.population));
        }
        return contribution;
    }

    /** Cheap enough to serve as its own bound. */
    @Override
    double bound(PairScorer scorer, CityNode a, CityNode b) {
        return exact(scorer, a, b);
    }

    /** Per half decade of population, the most it gives a city there: cities without one get nothing. */
    @Override
    void searchLists(PairScorer scorer, CityNode a, SearchLists lists) {
        double unit = scorer.weights().of(this);
        if (unit <= 0 || Double.isNaN(a.log10Population)) {
            return;
        }
        int group = lists.newGroup();
        IdSet[] buckets = scorer.graph().byScale;
        for (int k = 0; k < buckets.length; k++) {
            double low = k / (double) CityGraph.SCALE_PER_DECADE;
            double high = k == buckets.length - 1
                    ? Double.POSITIVE_INFINITY
                    : (k + 1) / (double) CityGraph.SCALE_PER_DECADE; // the last holds the rest
            double gap = Math.max(0, Math.max(low - a.log10Population, a.log10Population - high));
            double most = 1 - gap / 2;
            if (most > 0) {
                lists.add(buckets[k], unit * most, group);
            }
        }
    }

    private double exact(PairScorer scorer, CityNode a, CityNode b) {
        if (Double.isNaN(a.log10Population) || Double.isNaN(b.log10Population)) {
            return 0;
        }
        double similarity = Math.max(0, 1 - Math.abs(a.log10Population - b.log10Population) / 2);
        return similarity > 0 ? scorer.weights().of(this) * similarity : 0;
    }
}
