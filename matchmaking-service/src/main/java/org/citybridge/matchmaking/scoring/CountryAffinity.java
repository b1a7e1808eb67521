package org.citybridge.matchmaking.scoring;

import java.util.Locale;
import java.util.Map;

/**
 * How often the cities of the two countries have formed partnerships, as learned when the model was
 * fitted: ln(1 + n) for n partnerships: "Cities in Germany and France have formed 355 partnerships".
 * Bounded by one list per partner country of {@code a}'s country (a city has one country).
 */
final class CountryAffinity extends PairFeature {

    CountryAffinity() {
        super("country-affinity", "country-affinity", 0.0);
    }

    @Override
    double contribute(Pair pair, Reasons out) {
        int n = pair.scorer.settings().countryPairs().count(pair.a.country, pair.b.country);
        if (n == 0) {
            return 0;
        }
        double contribution = pair.weight(this) * Math.log1p(n);
        if (out != null && contribution > 0) {
            out.add(
                    this,
                    "Cities in " + Countries.name(pair.a.country) + " and " + Countries.name(pair.b.country)
                            + " have formed " + Reasons.grouped(n)
                            + (n == 1 ? " partnership" : " partnerships"),
                    contribution,
                    Map.of("countryA", pair.a.country, "countryB", pair.b.country, "count", n));
        }
        return contribution;
    }

    @Override
    double bound(PairScorer scorer, CityNode a, CityNode b) {
        int n = scorer.settings().countryPairs().count(a.country, b.country);
        return scorer.weights().of(this) * Math.log1p(n);
    }

    @Override
    void searchLists(PairScorer scorer, CityNode a, SearchLists lists) {
        double unit = scorer.weights().of(this);
        if (unit <= 0) {
            return;
        }
        Bands bands = new Bands();
        for (Map.Entry<String, Integer> partner :
                scorer.settings().countryPairs().partnersOf(a.country).entrySet()) {
            IdSet cities = scorer.graph().byPlace.get(partner.getKey().toLowerCase(Locale.ROOT));
            if (cities != null) {
                bands.add(cities, unit * Math.log1p(partner.getValue()));
            }
        }
        bands.emit(lists);
    }
}
