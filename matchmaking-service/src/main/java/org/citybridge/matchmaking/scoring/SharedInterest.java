package org.citybridge.matchmaking.scoring;

import org.citybridge.contracts.vocabulary.CooperationArea;

import java.util.Map;

/**
 * An area both cities pursue with a common intent, where nothing earlier (complementarity) counted:
 * "Both cities pursue tourism (sister city)".
 */
final class SharedInterest extends AreaFeature {

    SharedInterest() {
        super("shared-interest", "shared-interest", 1.0);
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
        int common = intentA & intentB;
        if (earlier != 0 || common == 0) {
            return 0;
        }
        double unit = weights.of(this);
        if (out != null) {
            out.add(
                    this,
                    "Both cities pursue " + Reasons.lower(area) + " (" + Reasons.intents(common) + ")",
                    unit,
                    Map.of("area", area.name(), "intents", Reasons.intentCodes(common)));
        }
        return unit;
    }
}
