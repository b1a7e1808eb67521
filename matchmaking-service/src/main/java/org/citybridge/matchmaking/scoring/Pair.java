package org.citybridge.matchmaking.scoring;

/**
 * The pair a {@link PairFeature} scores: {@code a} has the lower id (so a pair's score does not depend
 * on the order it is asked in), {@code matchedAreas} the areas where the area features gave something.
 */
final class Pair {

    final PairScorer scorer;
    final CityNode a;
    final CityNode b;
    final int matchedAreas;

    Pair(PairScorer scorer, CityNode a, CityNode b, int matchedAreas) {
        this.scorer = scorer;
        this.a = a;
        this.b = b;
        this.matchedAreas = matchedAreas;
    }

    double weight(Feature feature) {
        return scorer.weights().of(feature);
    }

    CityGraph graph() {
        return scorer.graph();
    }
}
