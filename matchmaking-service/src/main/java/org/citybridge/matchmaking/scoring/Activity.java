package org.citybridge.matchmaking.scoring;

import java.util.List;
import java.util.Map;

/**
 * Cities that have formed partnerships form more: ln(1 + partnerships) of each city, "Both are active
 * partners: 12 and 3 partnerships". Bounded by one list per bucket of partnership counts (a city is in
 * one), the asking city's own share being the residual.
 *
 * <p>The load damper is the same sum with the opposite sign, so the two together give (this weight minus
 * the damper's) times it: the lists and the residual bound them as one. Bounding the activity alone let
 * every active city past the lists, whose score the damper then took back (with the fitted weights more
 * than half of it).
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
        double damper = scorer.weights().of(Features.LOAD_DAMPER);
        if (unit <= damper) {
            return; // together never more than 0 for a candidate
        }
        int group = lists.newGroup();
        IdSet[] buckets = scorer.graph().byActivity;
        for (int k = 1; k < buckets.length; k++) {
            lists.add(buckets[k], (unit - damper) * CityGraph.activityCeiling(k), group);
        }
    }

    /** The asking city's share of both, exactly; below 0 when the damper weighs more. */
    @Override
    double residual(PairScorer scorer, CityNode a) {
        return (scorer.weights().of(this) - scorer.weights().of(Features.LOAD_DAMPER)) * Math.log1p(a.partners.size());
    }

    @Override
    List<PairFeature> nets() {
        return List.of(Features.LOAD_DAMPER);
    }
}
