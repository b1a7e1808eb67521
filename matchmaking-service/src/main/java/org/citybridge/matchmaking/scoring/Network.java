package org.citybridge.matchmaking.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Adamic–Adar over formed partnerships: Σ 1/ln(degree) of the common partners, "Partners of common
 * partners: Puebla". Sparse: the partners of {@code a}'s partners are scored first.
 */
final class Network extends PairFeature {

    private static final double LN2 = Math.log(2);

    Network() {
        super("network", "network", 1.0);
    }

    @Override
    double contribute(Pair pair, Reasons out) {
        CityNode a = pair.a;
        CityNode b = pair.b;
        if (a.partners.isEmpty() || b.partners.isEmpty()) {
            return 0;
        }
        CityNode small = a.partners.size() <= b.partners.size() ? a : b;
        CityNode large = small == a ? b : a;
        List<Integer> common = new ArrayList<>();
        for (int z : small.partners) {
            if (large.partners.contains(z)) {
                common.add(z);
            }
        }
        if (common.isEmpty()) {
            return 0;
        }
        common.sort(null);
        double adamicAdar = 0;
        List<String> names = new ArrayList<>();
        for (int z : common) {
            CityNode node = pair.graph().at(z);
            adamicAdar += 1 / Math.log(node.partners.size());
            if (out != null) {
                names.add(node.label());
            }
        }
        double contribution = pair.weight(this) * adamicAdar;
        if (out != null) {
            out.add(
                    this,
                    "Partners of common partners: " + String.join(", ", names),
                    contribution,
                    Map.of("partners", List.copyOf(names)));
        }
        return contribution;
    }

    /** A common partner has at least two partners, so each adds at most 1 / ln 2. */
    @Override
    double bound(PairScorer scorer, CityNode a, CityNode b) {
        return scorer.weights().of(this) * Math.min(a.partners.size(), b.partners.size()) / LN2;
    }

    @Override
    boolean onlySparse() {
        return true;
    }

    @Override
    void sparseCandidates(CityGraph graph, CityNode a, IntConsumer candidates) {
        for (int z : a.partners) {
            graph.at(z).partners.forEach(candidates::accept);
        }
    }
}
