package org.citybridge.matchmaking.scoring;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Per association both cities belong to: "Both belong to Mexican World Heritage Cities Association".
 * Few cities share any: bounded by a residual of {@code a}'s own associations.
 */
final class SharedAssociation extends PairFeature {

    SharedAssociation() {
        super("association", "shared-association", 0.5);
    }

    @Override
    double contribute(Pair pair, Reasons out) {
        if (pair.a.associations.isEmpty() || pair.b.associations.isEmpty()) {
            return 0;
        }
        TreeSet<String> shared = new TreeSet<>();
        for (String association : pair.a.associations) {
            if (pair.b.associations.contains(association)) {
                shared.add(association);
            }
        }
        if (shared.isEmpty()) {
            return 0;
        }
        double contribution = pair.weight(this) * shared.size();
        if (out != null) {
            out.add(
                    this,
                    "Both belong to " + String.join("; ", shared),
                    contribution,
                    Map.of("associations", List.copyOf(shared)));
        }
        return contribution;
    }

    @Override
    double bound(PairScorer scorer, CityNode a, CityNode b) {
        return scorer.weights().of(this) * Math.min(a.associations.size(), b.associations.size());
    }

    @Override
    double residual(PairScorer scorer, CityNode a) {
        return scorer.weights().of(this) * a.associations.size();
    }
}
