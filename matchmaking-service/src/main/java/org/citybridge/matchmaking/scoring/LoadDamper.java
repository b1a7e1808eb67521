package org.citybridge.matchmaking.scoring;

import java.util.Map;

/**
 * Minus ln(1 + partnerships) of each city, so cities with many partners do not take every proposal:
 * "Damped: the two cities already have 7 partnerships". Never positive, so it bounds nothing.
 */
final class LoadDamper extends PairFeature {

    LoadDamper() {
        super("load-damper", "load-damper", 0.25);
    }

    @Override
    double contribute(Pair pair, Reasons out) {
        int load = pair.a.partners.size() + pair.b.partners.size();
        double unit = pair.weight(this);
        if (load == 0 || unit <= 0) {
            return 0;
        }
        double contribution = -unit * (Math.log1p(pair.a.partners.size()) + Math.log1p(pair.b.partners.size()));
        if (out != null) {
            out.add(
                    this,
                    "Damped: the two cities already have " + Reasons.grouped(load) + " partnerships",
                    contribution,
                    Map.of("partnerships", load));
        }
        return contribution;
    }

    @Override
    double bound(PairScorer scorer, CityNode a, CityNode b) {
        return 0;
    }
}
