package org.citybridge.matchmaking.scoring;

import java.util.Map;

/**
 * Cities that have formed partnerships form more: ln(1 + partnerships) of each city, "Both are active
 * partners: 12 and 3 partnerships". Bounded by one list per bucket of partnership counts (a city is in
 * one), the asking city's own share being the residual.
 */
final class Activity extends PairFeature {

    Activity() {
        super("activity", "activity", 0.0);
    }

    @Override
    double contribute(Pair pair, Reasons out) {
        int a = pair.a.partners.size();
        int b = pair.b.partners.size();
        if (a + b == 0) {
            return 0;
        }
        double contribution = pair.weight(this) * (Math.log1p(a) + Math.log1p(b));
        if (out != null && contribution > 0) {
            out.add(
                    this,
                    pair.a.label() + " has " + partnerships(a) + ", " + pair.b.label() + " " + partnerships(b),
                    contribution,
                    Map.of("cityA", pair.a.label(), "countA", a, "cityB", pair.b.label(), "countB", b));
        }
        return contribution;
    }

    private static String partnerships(int n) {
        return n == 1 ? "1 partnership" : n + " partnerships";
    }

    @Override
    double bound(PairScorer scorer, CityNode a, CityNode b) {
        return scorer.weights().of(this) * (Math.log1p(a.partners.size()) + Math.log1p(b.partners.size()));
    }

    @Override
    void searchLists(PairScorer scorer, CityNode a, SearchLists lists) {
        double unit = scorer.weights().of(this);
        if (unit <= 0) {
            return;
        }
        int group = lists.newGroup();
        IdSet[] buckets = scorer.graph().byActivity;
        for (int k = 1; k < buckets.length; k++) {
            lists.add(buckets[k], unit * CityGraph.activityCeiling(k), group);
        }
    }

    @Override
    double residual(PairScorer scorer, CityNode a) {
        return scorer.weights().of(this) * Math.log1p(a.partners.size());
    }
}
