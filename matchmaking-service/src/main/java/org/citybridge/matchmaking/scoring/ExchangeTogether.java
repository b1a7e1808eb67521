package org.citybridge.matchmaking.scoring;

import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Per held exchange both cities took part in: "Both took part in "Promoting Inclusive and Sustainable
 * Tourism Development" (2020-12-08)". Sparse: the participants of {@code a}'s exchanges are scored first.
 */
final class ExchangeTogether extends PairFeature {

    ExchangeTogether() {
        super("exchange-together", "exchange-together", 1.5);
    }

    @Override
    double contribute(Pair pair, Reasons out) {
        double unit = pair.weight(this);
        int count = 0;
        for (ExchangeNode exchange : pair.graph().sharedExchanges(pair.a, pair.b)) {
            count++;
            if (out != null) {
                out.add(
                        this,
                        "Both took part in \"" + exchange.title + "\""
                                + (exchange.date == null ? "" : " (" + exchange.date + ")"),
                        unit,
                        exchange.date == null
                                ? Map.of("exchange", exchange.title)
                                : Map.of("exchange", exchange.title, "date", exchange.date));
            }
        }
        return unit * count;
    }

    @Override
    double bound(PairScorer scorer, CityNode a, CityNode b) {
        return scorer.weights().of(this) * Math.min(a.exchanges.size(), b.exchanges.size());
    }

    @Override
    boolean onlySparse() {
        return true;
    }

    @Override
    void sparseCandidates(CityGraph graph, CityNode a, IntConsumer candidates) {
        graph.forEachExchangePartner(a, candidates);
    }
}
