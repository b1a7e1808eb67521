package org.citybridge.matchmaking.scoring;

import java.util.Map;

/**
 * Both cities hold UNESCO World Heritage sites: "Both hold UNESCO World Heritage sites: Longmen Grottoes;
 * Historic Centre of Mexico City and Xochimilco". One list: the holders.
 */
final class Heritage extends PairFeature {

    Heritage() {
        super("heritage", "heritage", 1.0);
    }

    @Override
    double contribute(Pair pair, Reasons out) {
        if (pair.a.worldHeritage.isEmpty() || pair.b.worldHeritage.isEmpty()) {
            return 0;
        }
        double contribution = pair.weight(this);
        if (out != null) {
            out.add(
                    this,
                    "Both hold UNESCO World Heritage sites: " + String.join(", ", pair.a.worldHeritage) + "; "
                            + String.join(", ", pair.b.worldHeritage),
                    contribution,
                    Map.of(
                            "cityA",
                            pair.a.label(),
                            "sitesA",
                            pair.a.worldHeritage,
                            "cityB",
                            pair.b.label(),
                            "sitesB",
                            pair.b.worldHeritage));
        }
        return contribution;
    }

    @Override
    double bound(PairScorer scorer, CityNode a, CityNode b) {
        return a.worldHeritage.isEmpty() || b.worldHeritage.isEmpty()
                ? 0
                : scorer.weights().of(this);
    }

    @Override
    void searchLists(PairScorer scorer, CityNode a, SearchLists lists) {
        if (!a.worldHeritage.isEmpty()) {
            lists.add(scorer.graph().withHeritage, scorer.weights().of(this), lists.newGroup());
        }
    }
}
