package org.citybridge.matchmaking.scoring;

import org.citybridge.contracts.events.MatchReason;
import org.citybridge.contracts.events.PairIds;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.contracts.vocabulary.Stance;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * Scores pairs of cities with the {@link Features}: the score is the sum of their contributions, each
 * explained by reasons. Symmetric by construction (a pair is always scored lower id first), so both
 * cities see the same score. Everything here is derived from the feature definitions: the table of
 * area values, the bounds of the indexed search, and both scoring paths (with reasons, and the score
 * alone, which add the same numbers in the same order).
 *
 * <p>Hard constraints (the pair is never scored): the same city, a retired or unregistered city,
 * existing partners, a kind declined before, a sister city in the same country, and for proposals (not
 * a pairing round of a given kind) two cities of one country unless one asks for partners at home; with
 * {@link SouthSouthMode#FILTER}, a pair not both in developing economies. A proposal also needs an
 * interest feature (an area feature contributing something).
 */
public final class PairScorer {

    /** The empty set of cities, for a search that keeps none; never added to. */
    private static final IdSet NOBODY = new IdSet();

    static final int OFFER = 1 << Stance.OFFER.ordinal();
    static final int SEEK = 1 << Stance.SEEK.ordinal();
    static final int MUTUAL = 1 << Stance.MUTUAL.ordinal();
    static final int SISTER = 1 << Intent.SISTER_CITY.ordinal();
    private static final CooperationArea[] AREAS = CooperationArea.values();

    private final CityGraph graph;
    private final MatchSettings settings;
    private final Weights weights;
    private final PairFeature[] pairFeatures = Features.PAIR.toArray(PairFeature[]::new);
    /** The pair features a candidate outside the sparse ones can get something from. */
    private final PairFeature[] beyondSparse =
            Features.PAIR.stream().filter(f -> !f.onlySparse()).toArray(PairFeature[]::new);

    /** Sum of the area features for every combination of masks: index (stanceA, intentA, stanceB, intentB), 3 bits each. */
    private final double[] areaTable = new double[1 << 12];
    /** Per mask of a city in an area ({@code stance << 3 | intent}), per match class: the largest area value. */
    private final double[][] classBound = new double[64][4];

    public PairScorer(CityGraph graph, MatchSettings settings) {
        this.graph = graph;
        this.settings = settings;
        this.weights = settings.weights();
        for (int i = 0; i < areaTable.length; i++) {
            areaTable[i] = areaValue((i >> 9) & 7, (i >> 6) & 7, (i >> 3) & 7, i & 7, null, null, null);
        }
        for (int own = 0; own < 64; own++) {
            for (int other = 0; other < 64; other++) {
                int c = matchClass(own >> 3, own & 7, other >> 3, other & 7);
                classBound[own][c] = Math.max(classBound[own][c], areaTable[own << 6 | other]);
            }
        }
    }

    CityGraph graph() {
        return graph;
    }

    public MatchSettings settings() {
        return settings;
    }

    public Weights weights() {
        return weights;
    }

    /** What kind of match is asked for: the best kind (proposals), or a fixed kind (pairing rounds). */
    public record Requirement(ProposalKind kind, CooperationArea area) {
        public static final Requirement AUTO = new Requirement(null, null);
    }

    /** True if {@code from} seeks in this area what {@code to} offers. */
    static boolean seeks(int from, int to) {
        return ((from & SEEK) != 0 && (to & (OFFER | MUTUAL)) != 0) || ((from & MUTUAL) != 0 && (to & OFFER) != 0);
    }

    /**
     * How two cities' masks in one area match, independent of weights: 1 both seek what the other
     * offers, 2 one does, 3 neither but they share an intent, 0 no match. The search indexes cities by it.
     */
    static int matchClass(int stanceA, int intentA, int stanceB, int intentB) {
        if (stanceA == 0 || stanceB == 0) {
            return 0;
        }
        boolean ab = seeks(stanceA, stanceB);
        boolean ba = seeks(stanceB, stanceA);
        if (ab && ba) {
            return 1;
        }
        if (ab || ba) {
            return 2;
        }
        return (intentA & intentB) != 0 ? 3 : 0;
    }

    /** The area features' sum in one area, with their reasons when {@code out} is set. */
    private double areaValue(
            int stanceA, int intentA, int stanceB, int intentB, Pair pair, CooperationArea area, Reasons out) {
        double value = 0;
        for (AreaFeature feature : Features.AREA) {
            value += feature.contribute(weights, stanceA, intentA, stanceB, intentB, value, pair, area, out);
        }
        return value;
    }

    private double tabulated(CityNode a, CityNode b, int area) {
        return areaTable[(a.stance[area] << 9) | (a.intent[area] << 6) | (b.stance[area] << 3) | b.intent[area]];
    }

    /** Exact interest part of the score (order-independent up to rounding). */
    public double interestPart(CityNode a, CityNode b) {
        double sum = 0;
        for (int bits = a.areaBits & b.areaBits; bits != 0; bits &= bits - 1) {
            sum += tabulated(a, b, Integer.numberOfTrailingZeros(bits));
        }
        return sum;
    }

    /** An upper bound of the pair's score: the exact interest part plus every pair feature's bound. */
    public double upperBound(CityNode a, CityNode b) {
        double bound = interestPart(a, b) + 1e-9;
        for (PairFeature feature : pairFeatures) {
            bound += feature.bound(this, a, b);
        }
        return bound;
    }

    /**
     * {@link #upperBound} for a candidate that is not one of {@code a}'s {@link #sparseCandidates}: the
     * features only those get from (a shared partner, a shared exchange) give it nothing.
     */
    public double upperBoundOutsideSparse(CityNode a, CityNode b) {
        double bound = interestPart(a, b) + 1e-9;
        for (PairFeature feature : beyondSparse) {
            bound += feature.bound(this, a, b);
        }
        return bound;
    }

    /**
     * Scores a pair.
     *
     * @param withReasons false skips building reason texts (ranking needs only the score)
     * @return null when a hard constraint excludes the pair
     */
    public Match evaluate(CityNode x, CityNode y, boolean withReasons, Requirement requirement) {
        if (x == y || !x.scorable() || !y.scorable()) {
            return null;
        }
        CityNode a = x.id.compareTo(y.id) < 0 ? x : y;
        CityNode b = a == x ? y : x;
        if (excluded(a, b)) {
            return null;
        }
        Reasons reasons = withReasons ? new Reasons() : null;
        double[] areaScore = new double[CityNode.AREAS];
        Pair names = new Pair(this, a, b, 0); // for the area reasons' texts
        double interest = 0;
        int matched = 0;
        boolean sisterArea = false;
        for (int bits = a.areaBits & b.areaBits; bits != 0; bits &= bits - 1) {
            int area = Integer.numberOfTrailingZeros(bits);
            double v = reasons == null
                    ? tabulated(a, b, area)
                    : areaValue(
                            a.stance[area],
                            a.intent[area],
                            b.stance[area],
                            b.intent[area],
                            names,
                            AREAS[area],
                            reasons);
            if (v > 0) {
                areaScore[area] = v;
                interest += v;
                matched |= 1 << area;
                if (((a.intent[area] | b.intent[area]) & SISTER) != 0) {
                    sisterArea = true;
                }
            }
        }
        if (requirement.kind() == null && (interest <= 0 || domesticUnasked(a, b))) {
            return null;
        }
        double score = interest + pairPart(new Pair(this, a, b, matched), reasons);
        ProposalKind kind;
        CooperationArea area;
        boolean sameCountry = a.country != null && a.country.equalsIgnoreCase(b.country);
        if (requirement.kind() == null) {
            if (sisterArea && !sameCountry && !isDeclined(a, b, ProposalKind.SISTER_CITY, null)) {
                kind = ProposalKind.SISTER_CITY;
                area = null;
            } else {
                kind = ProposalKind.THEMATIC;
                area = bestThematicArea(a, b, areaScore);
                if (area == null) {
                    return null;
                }
            }
        } else if (requirement.kind() == ProposalKind.SISTER_CITY) {
            if (sameCountry || isDeclined(a, b, ProposalKind.SISTER_CITY, null)) {
                return null;
            }
            kind = ProposalKind.SISTER_CITY;
            area = null;
        } else {
            kind = ProposalKind.THEMATIC;
            area = requirement.area() != null ? requirement.area() : bestThematicArea(a, b, areaScore);
            if (isDeclined(a, b, kind, area)) {
                return null;
            }
        }
        List<MatchReason> explained = reasons == null ? null : reasons.sorted();
        return new Match(a.id, b.id, kind, area, score, explained);
    }

    /**
     * The score of a pair without reasons or kind, for ranking: the same numbers added in the same order
     * as {@link #evaluate}, from the area table. NaN when a hard constraint excludes the pair or it has no
     * interest feature.
     */
    public double scoreOnly(CityNode x, CityNode y) {
        if (x == y || !x.scorable() || !y.scorable()) {
            return Double.NaN;
        }
        CityNode a = x.id.compareTo(y.id) < 0 ? x : y;
        CityNode b = a == x ? y : x;
        if (!graph.declinedPairs.isEmpty() // no boxed key per pair while nothing was declined
                && graph.declinedPairs.contains(CityGraph.pairKey(a.idx, b.idx))) {
            Match match = evaluate(a, b, false, Requirement.AUTO); // the kind decides whether a declined pair is out
            return match == null ? Double.NaN : match.score();
        }
        if (excluded(a, b)) {
            return Double.NaN;
        }
        double interest = 0;
        int matched = 0;
        for (int bits = a.areaBits & b.areaBits; bits != 0; bits &= bits - 1) {
            int area = Integer.numberOfTrailingZeros(bits);
            double v = tabulated(a, b, area);
            if (v > 0) {
                interest += v;
                matched |= 1 << area;
            }
        }
        if (interest <= 0 || domesticUnasked(a, b)) {
            return Double.NaN;
        }
        return interest + pairPart(new Pair(this, a, b, matched), null);
    }

    /** The pair as its features see it (lower id first, the areas where the area features gave something). */
    Pair pair(CityNode x, CityNode y) {
        CityNode a = x.id.compareTo(y.id) < 0 ? x : y;
        CityNode b = a == x ? y : x;
        int matched = 0;
        for (int bits = a.areaBits & b.areaBits; bits != 0; bits &= bits - 1) {
            int area = Integer.numberOfTrailingZeros(bits);
            if (tabulated(a, b, area) > 0) {
                matched |= 1 << area;
            }
        }
        return new Pair(this, a, b, matched);
    }

    private double pairPart(Pair pair, Reasons reasons) {
        double sum = 0;
        for (PairFeature feature : pairFeatures) {
            sum += feature.contribute(pair, reasons);
        }
        return sum;
    }

    /**
     * Two cities of one country are proposed only where one of them asks for partners in its own country:
     * twinning is international, and nearby cities of one country would otherwise crowd the lists.
     */
    private static boolean domesticUnasked(CityNode a, CityNode b) {
        return a.country != null && a.country.equalsIgnoreCase(b.country) && !a.asksDomestic && !b.asksDomestic;
    }

    /**
     * Each feature's value for a pair, as a proposal would score it: the contributions under unit weights
     * (the scorer must have {@link Weights#ones()}), by feature index; null where a hard constraint excludes
     * the pair or it has no interest feature. What weights are fitted on.
     */
    public double[] featureValues(CityNode x, CityNode y) {
        if (Double.isNaN(scoreOnly(x, y))) {
            return null;
        }
        Pair pair = pair(x, y);
        double[] values = new double[Features.ALL.size()];
        for (int bits = pair.a.areaBits & pair.b.areaBits; bits != 0; bits &= bits - 1) {
            int area = Integer.numberOfTrailingZeros(bits);
            double earlier = 0;
            for (AreaFeature feature : Features.AREA) {
                double v = feature.contribute(
                        weights,
                        pair.a.stance[area],
                        pair.a.intent[area],
                        pair.b.stance[area],
                        pair.b.intent[area],
                        earlier,
                        null,
                        null,
                        null);
                values[feature.index()] += v;
                earlier += v;
            }
        }
        for (PairFeature feature : pairFeatures) {
            values[feature.index()] = feature.contribute(pair, null);
        }
        return values;
    }

    /** Whether a hard constraint rules out every pair of {@code a}: the South-South filter, outside its economies. */
    public boolean pairsWithNobody(CityNode a) {
        return settings.southSouthMode() == SouthSouthMode.FILTER && !a.developing;
    }

    /** Hard constraints that do not depend on the kind. */
    private boolean excluded(CityNode a, CityNode b) {
        return a.partners.contains(b.idx)
                || (settings.southSouthMode() == SouthSouthMode.FILTER && !(a.developing && b.developing));
    }

    // ------------------------------------------------------------------ what the indexed search reads

    /**
     * Fills {@code lists} with {@code a}'s search lists: per area of {@code a}, the cities of each match
     * class with the class's largest area value (one group per area: a city has one mask per area), then
     * each pair feature's lists.
     */
    public void searchLists(CityNode a, SearchLists lists) {
        if (pairsWithNobody(a)) {
            lists.keepOnly(NOBODY); // and no list: nothing to sweep, and a change of it reaches no other list
            return;
        }
        if (settings.southSouthMode() == SouthSouthMode.FILTER) {
            lists.keepOnly(graph.developingCities);
        }
        // a city's compatriots share its language, sub-region and neighbourhood, so they would head the bounds
        if (!a.asksDomestic && a.countryKey != null) {
            IdSet compatriots = graph.byCountry.get(a.countryKey);
            if (compatriots != null) {
                lists.exclude(compatriots, graph.askingDomestic);
            }
        }
        for (int bits = a.areaBits; bits != 0; bits &= bits - 1) {
            int area = Integer.numberOfTrailingZeros(bits);
            int mask = a.stance[area] << 3 | a.intent[area];
            IdSet[] classes = graph.byAreaClass[area][mask];
            for (int c = 1; c < classes.length; c++) {
                lists.add(classes[c], classBound[mask][c], area);
            }
        }
        for (PairFeature feature : pairFeatures) {
            feature.searchLists(this, a, lists);
        }
    }

    /** The bound of the features for candidates in none of their lists. */
    public double residual(CityNode a) {
        double residual = 0;
        for (PairFeature feature : pairFeatures) {
            residual += feature.residual(this, a);
        }
        return residual;
    }

    /**
     * The candidates the lists and residual do not bound; may repeat a city. A feature without weight gives
     * nothing to bound, so its candidates are not visited (a partner's partner's partners can be thousands).
     */
    public void sparseCandidates(CityNode a, IntConsumer candidates) {
        for (PairFeature feature : pairFeatures) {
            if (weights.of(feature) != 0) {
                feature.sparseCandidates(graph, a, candidates);
            }
        }
    }

    // ------------------------------------------------------------------ kind

    private CooperationArea bestThematicArea(CityNode a, CityNode b, double[] areaScore) {
        CooperationArea best = null;
        double bestScore = 0;
        for (int x = 0; x < areaScore.length; x++) {
            if (areaScore[x] > bestScore && !isDeclined(a, b, ProposalKind.THEMATIC, AREAS[x])) {
                best = AREAS[x];
                bestScore = areaScore[x];
            }
        }
        return best;
    }

    /** Declined before for this kind; the pair-index check spares hashing in the common case. */
    private boolean isDeclined(CityNode a, CityNode b, ProposalKind kind, CooperationArea area) {
        return graph.declinedPairs.contains(CityGraph.pairKey(a.idx, b.idx))
                && graph.declined.contains(PairIds.of(a.id, b.id, kind, area));
    }
}
