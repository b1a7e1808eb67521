package org.citybridge.matchmaking.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Partners of the two cities that are partners of each other: paths of three partnerships, each counted
 * 1 / √(partnerships of its two middle cities) (the L3 link predictor of Kovács et al., 2019), "Their
 * partners are partners of each other: Puebla – Kyoto". Most real partnerships have no common partner
 * (see {@link Network}); a partner's partner's partner is the next place to look. Sparse: the cities
 * three partnerships away from {@code a} are scored first.
 */
final class LinkedPartners extends PairFeature {

    /** The links a reason names, strongest first. */
    private static final int NAMED = 3;

    LinkedPartners() {
        super("linked-partners", "linked-partners", 0.0);
    }

    /** One path a – x – y – b: x a partner of a, y of b. */
    private record Link(int x, int y, double value) {}

    @Override
    double contribute(Pair pair, Reasons out) {
        CityNode a = pair.a;
        CityNode b = pair.b;
        // every pair scored walks every pair feature: without a weight (the configured model) nothing to walk
        if (pair.weight(this) == 0 || a.partners.isEmpty() || b.partners.isEmpty()) {
            return 0;
        }
        CityGraph graph = pair.graph();
        List<Link> links = new ArrayList<>();
        for (int x : a.partners) {
            if (x == b.index()) {
                continue;
            }
            CityNode middle = graph.at(x);
            CityNode small = middle.partners.size() <= b.partners.size() ? middle : b;
            CityNode large = small == middle ? b : middle;
            for (int y : small.partners) {
                if (y != a.index() && y != x && large.partners.contains(y)) {
                    links.add(new Link(
                            x,
                            y,
                            1
                                    / Math.sqrt((double) middle.partners.size()
                                            * graph.at(y).partners.size())));
                }
            }
        }
        if (links.isEmpty()) {
            return 0;
        }
        // summed in one order whatever the sets' iteration order, so a pair scores the same on every path
        links.sort(Comparator.comparingDouble(Link::value)
                .reversed()
                .thenComparingInt(Link::x)
                .thenComparingInt(Link::y));
        double sum = 0;
        for (Link link : links) {
            sum += link.value();
        }
        double contribution = pair.weight(this) * sum;
        if (out != null && contribution > 0) {
            List<String> named = new ArrayList<>();
            for (Link link : links.subList(0, Math.min(NAMED, links.size()))) {
                named.add(
                        graph.at(link.x()).label() + " – " + graph.at(link.y()).label());
            }
            out.add(
                    this,
                    "Their partners are partners of each other: " + String.join(", ", named),
                    contribution,
                    Map.of("links", List.copyOf(named), "count", links.size()));
        }
        return contribution;
    }

    /** At most one path per partner of a and partner of b, each at most 1/2 (a middle city has two partners or more). */
    @Override
    double bound(PairScorer scorer, CityNode a, CityNode b) {
        return scorer.weights().of(this) * a.partners.size() * (double) b.partners.size() / 2;
    }

    @Override
    boolean onlySparse() {
        return true;
    }

    @Override
    void sparseCandidates(CityGraph graph, CityNode a, IntConsumer candidates) {
        for (int x : a.partners) {
            for (int y : graph.at(x).partners) {
                if (y != a.index()) {
                    graph.at(y).partners.forEach(candidates::accept);
                }
            }
        }
    }
}
