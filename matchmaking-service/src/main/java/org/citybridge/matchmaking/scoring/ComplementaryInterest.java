package org.citybridge.matchmaking.scoring;

import org.citybridge.contracts.vocabulary.CooperationArea;

import java.util.Map;

/**
 * Per area and direction where one city seeks what the other offers (SEEK against OFFER or MUTUAL, or
 * MUTUAL against OFFER): "Mexico City seeks economic development, which Luoyang offers".
 */
final class ComplementaryInterest extends AreaFeature {

    ComplementaryInterest() {
        super("complementary", "complementary-interest", 3.0);
    }

    @Override
    double contribute(
            Weights weights,
            int stanceA,
            int intentA,
            int stanceB,
            int intentB,
            double earlier,
            Pair pair,
            CooperationArea area,
            Reasons out) {
        double unit = weights.of(this);
        double contribution = 0;
        if (PairScorer.seeks(stanceA, stanceB)) {
            contribution += unit;
            if (out != null) {
                out.add(
                        this,
                        pair.a.label() + " seeks " + Reasons.lower(area) + ", which " + pair.b.label() + " offers",
                        unit,
                        Map.of("seeker", pair.a.label(), "area", area.name(), "offerer", pair.b.label()));
            }
        }
        if (PairScorer.seeks(stanceB, stanceA)) {
            contribution += unit;
            if (out != null) {
                out.add(
                        this,
                        pair.b.label() + " seeks " + Reasons.lower(area) + ", which " + pair.a.label() + " offers",
                        unit,
                        Map.of("seeker", pair.b.label(), "area", area.name(), "offerer", pair.a.label()));
            }
        }
        return contribution;
    }
}
