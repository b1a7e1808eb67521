package org.citybridge.matchmaking.scoring;

import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Per shared exchange after which both cities answered in the survey that they want partnerships:
 * "After "…" both said in the survey that they want partnerships". Sparse, like {@link ExchangeTogether}.
 */
final class SurveyPartnershipWish extends PairFeature {

    SurveyPartnershipWish() {
        super("survey-wish", "survey-partnership-wish", 0.5);
    }

    @Override
    double contribute(Pair pair, Reasons out) {
        double unit = pair.weight(this);
        int count = 0;
        for (ExchangeNode exchange : pair.graph().sharedExchanges(pair.a, pair.b)) {
            if (exchange.wantsPartnership.contains(pair.a.idx) && exchange.wantsPartnership.contains(pair.b.idx)) {
                count++;
                if (out != null) {
                    out.add(
                            this,
                            "After \"" + exchange.title + "\" both said in the survey that they want partnerships",
                            unit,
                            Map.of("exchange", exchange.title));
                }
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
