package org.citybridge.matchmaking.scoring;

/**
 * Both cities are in developing economies (UNCTAD's list), in {@link SouthSouthMode#BONUS} mode:
 * "Both cities are in developing economies (South-South cooperation)". In FILTER mode the scorer
 * excludes every other pair instead, and this feature adds nothing.
 */
final class SouthSouth extends PairFeature {

    SouthSouth() {
        super("south-south", "south-south", 0.5);
    }

    @Override
    double contribute(Pair pair, Reasons out) {
        double contribution = bound(pair.scorer, pair.a, pair.b);
        if (contribution > 0 && out != null) {
            out.add(this, "Both cities are in developing economies (South-South cooperation)", contribution);
        }
        return contribution;
    }

    @Override
    double bound(PairScorer scorer, CityNode a, CityNode b) {
        return b.developing ? ofDeveloping(scorer, a) : 0;
    }

    /** Indexed rather than a residual: most of the world's cities are not in developing economies. */
    @Override
    void searchLists(PairScorer scorer, CityNode a, SearchLists lists) {
        lists.add(scorer.graph().developingCities, ofDeveloping(scorer, a), lists.newGroup());
    }

    /** What the feature gives {@code a} with any city in a developing economy. */
    private double ofDeveloping(PairScorer scorer, CityNode a) {
        return a.developing && scorer.settings().southSouthMode() == SouthSouthMode.BONUS
                ? scorer.weights().of(this)
                : 0;
    }
}
