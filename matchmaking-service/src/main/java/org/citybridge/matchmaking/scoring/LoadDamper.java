package org.citybridge.matchmaking.scoring;

import java.util.Map;

/**
 * Minus ln(1 + partnerships) of each city, so cities with many partners do not take every proposal:
 * "Damped: the two cities already have 7 partnerships". Never positive; the search bounds it with
 * {@link Activity}, which has its form with the opposite sign.
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

    /** Exact, and cheap: with it a candidate's pair bound takes back what the activity's gave. */
    @Override
    double bound(PairScorer scorer, CityNode a, CityNode b) {
        return -scorer.weights().of(this) * (Math.log1p(a.partners.size()) + Math.log1p(b.partners.size()));
    }
}
