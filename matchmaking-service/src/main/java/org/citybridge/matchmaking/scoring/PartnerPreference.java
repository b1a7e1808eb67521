package org.citybridge.matchmaking.scoring;

import org.citybridge.contracts.vocabulary.CooperationArea;

import java.util.Map;

/**
 * Per direction: an interest of a matched area prefers partners in the other city's region,
 * sub-region or country: "Luoyang looks for partners in Latin America and the Caribbean, where Mexico
 * City is". Bounded by two lists: the cities in {@code a}'s preferred places, and the cities preferring
 * {@code a}'s place.
 */
final class PartnerPreference extends PairFeature {

    PartnerPreference() {
        super("partner-preference", "partner-preference", 2.0);
    }

    @Override
    double contribute(Pair pair, Reasons out) {
        double unit = pair.weight(this);
        if (out == null) { // ranking: whether each side's preference is met, not which one
            return ((pair.a.areasPreferring(pair.b) & pair.matchedAreas) != 0 ? unit : 0)
                    + ((pair.b.areasPreferring(pair.a) & pair.matchedAreas) != 0 ? unit : 0);
        }
        return explained(pair.a, pair.b, pair.matchedAreas, unit, out)
                + explained(pair.b, pair.a, pair.matchedAreas, unit, out);
    }

    /** {@code unit} with its reason if a preference of {@code who} in a matched area is met by {@code partner}. */
    private double explained(CityNode who, CityNode partner, int matchedAreas, double unit, Reasons out) {
        String preferred = satisfied(who, matchedAreas, partner);
        if (preferred == null) {
            return 0;
        }
        out.add(
                this,
                who.label() + " looks for partners in " + ReasonTexts.place(preferred, ReasonTexts.ENGLISH) + ", where "
                        + partner.label() + " is",
                unit,
                Map.of("city", who.label(), "place", preferred, "partner", partner.label()));
        return unit;
    }

    @Override
    double bound(PairScorer scorer, CityNode a, CityNode b) {
        double unit = scorer.weights().of(this);
        return (a.mayPrefer(b) ? unit : 0) + (b.mayPrefer(a) ? unit : 0);
    }

    @Override
    void searchLists(PairScorer scorer, CityNode a, SearchLists lists) {
        double unit = scorer.weights().of(this);
        CityGraph graph = scorer.graph();
        if (a.hasPreferences) {
            IdSet places = lists.union();
            for (String target : a.preferenceTargets) {
                IdSet holders = graph.byPlace.get(target);
                if (holders != null) {
                    places.addAll(holders);
                }
            }
            lists.add(places, unit, lists.newGroup());
        }
        IdSet preferring = lists.union();
        for (String part : a.place) {
            IdSet holders = graph.byPreferenceTarget.get(part);
            if (holders != null) {
                preferring.addAll(holders);
            }
        }
        lists.add(preferring, unit, lists.newGroup());
    }

    private static final CooperationArea[] ALL_AREAS = CooperationArea.values();

    /**
     * The preference of one of {@code who}'s interests in a matched area that {@code other} satisfies, if any:
     * the one a reason names (the first by area, then by interest). Looked for only when {@link
     * CityNode#areasPreferring} says there is one, which is what the ranking counts.
     */
    private static String satisfied(CityNode who, int matchedAreas, CityNode other) {
        if ((who.areasPreferring(other) & matchedAreas) == 0) {
            return null;
        }
        for (int bits = matchedAreas; bits != 0; bits &= bits - 1) {
            CooperationArea area = ALL_AREAS[Integer.numberOfTrailingZeros(bits)];
            for (InterestFacts interest : who.interests.values()) {
                if (interest.area() != area || !interest.hasPreferences()) {
                    continue;
                }
                for (String region : interest.preferredRegions()) {
                    if (CityNode.namesRegionOf(region, other)) {
                        return region;
                    }
                }
                for (String country : interest.preferredCountries()) {
                    if (CityNode.namesCountryOf(country, other)) {
                        return country;
                    }
                }
            }
        }
        return null;
    }
}
