package org.citybridge.matchmaking.scoring;

import java.util.Map;

/**
 * Both cities are in the same UN M49 sub-region: "Both are in Western Europe". One list: the cities of
 * {@code a}'s sub-region.
 */
final class SameSubRegion extends PairFeature {

    SameSubRegion() {
        super("same-sub-region", "same-sub-region", 0.0);
    }

    @Override
    double contribute(Pair pair, Reasons out) {
        if (pair.a.subRegion == null || !pair.a.subRegion.equalsIgnoreCase(pair.b.subRegion)) {
            return 0;
        }
        double contribution = pair.weight(this);
        if (out != null && contribution > 0) {
            out.add(this, "Both are in " + pair.a.subRegion, contribution, Map.of("subRegion", pair.a.subRegion));
        }
        return contribution;
    }

    @Override
    double bound(PairScorer scorer, CityNode a, CityNode b) {
        return a.subRegion != null && a.subRegion.equalsIgnoreCase(b.subRegion)
                ? scorer.weights().of(this)
                : 0;
    }

    @Override
    void searchLists(PairScorer scorer, CityNode a, SearchLists lists) {
        if (a.subRegion != null) {
            IdSet cities = scorer.graph().byPlace.get(a.subRegion.toLowerCase(java.util.Locale.ROOT));
            if (cities != null) {
                lists.add(cities, scorer.weights().of(this), lists.newGroup());
            }
        }
    }
}
