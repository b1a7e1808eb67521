package org.citybridge.matchmaking.domain;

import org.citybridge.contracts.events.MatchReason;
import org.citybridge.contracts.events.PairIds;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.contracts.vocabulary.Stance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Scores one pair of cities: the weighted sum of the documented features, each with its reason.
 * Symmetric by construction (the pair is always evaluated lower id first), so both cities see the
 * same score. Also gives cheap upper bounds used to prune the candidate scan.
 *
 * <p>Features and their weights ({@link Weights}):
 * <ul>
 *   <li>{@code complementary-interest} — per area and direction where one city seeks (SEEK, or MUTUAL
 *       against an OFFER) what the other offers (OFFER or MUTUAL);</li>
 *   <li>{@code shared-interest} — an area both pursue with a common intent, when not complementary;</li>
 *   <li>{@code partner-preference} — per direction, an interest of a matched area whose preferred
 *       regions/countries the other city satisfies;</li>
 *   <li>{@code shared-cluster}, {@code exchange-together}, {@code survey-partnership-wish} (both said
 *       after a shared exchange that they want partnerships);</li>
 *   <li>{@code heritage} (both hold World Heritage sites), {@code shared-association};</li>
 *   <li>{@code scale} — 1 for equal populations, falling linearly to 0 at a factor of 100;</li>
 *   <li>{@code south-south} — both in developing economies (bonus, or hard filter);</li>
 *   <li>{@code network} — Adamic–Adar over formed partnerships: Σ 1/ln(degree) of common partners;</li>
 *   <li>{@code load-damper} — minus ln(1+partnerships) of each city, so hubs do not take every proposal.</li>
 * </ul>
 * Hard constraints: no pair with itself, with a retired city, of existing partners, of a kind declined
 * before, of the same country for a sister city; with {@link SouthSouthMode#FILTER}, both developing.
 * A proposal needs at least one interest feature (complementary or shared).
 */
public final class PairScorer {

    static final int OFFER = 1 << Stance.OFFER.ordinal();
    static final int SEEK = 1 << Stance.SEEK.ordinal();
    static final int MUTUAL = 1 << Stance.MUTUAL.ordinal();
    static final int SISTER = 1 << Intent.SISTER_CITY.ordinal();
    private static final double LN2 = Math.log(2);
    private static final CooperationArea[] AREAS = CooperationArea.values();

    private final CityGraph graph;
    private final MatchSettings settings;
    private final Weights w;

    /** areaValue for every combination of masks: index (stanceA, intentA, stanceB, intentB), 3 bits each. */
    private final double[] valueTable = new double[1 << 12];

    PairScorer(CityGraph graph, MatchSettings settings) {
        this.graph = graph;
        this.settings = settings;
        this.w = settings.weights();
        for (int i = 0; i < valueTable.length; i++) {
            valueTable[i] = computeAreaValue((i >> 9) & 7, (i >> 6) & 7, (i >> 3) & 7, i & 7);
        }
    }

    /** The interest contribution of one area, by table lookup. */
    double areaValue(int stanceA, int intentA, int stanceB, int intentB) {
        return valueTable[(stanceA << 9) | (intentA << 6) | (stanceB << 3) | intentB];
    }

    /** What kind of match is asked for: the best kind (proposals), or a fixed kind (pairing rounds). */
    record Requirement(ProposalKind kind, CooperationArea area) {
        static final Requirement AUTO = new Requirement(null, null);
    }

    /** True if {@code from} seeks in this area what {@code to} offers. */
    static boolean seeks(int from, int to) {
        return ((from & SEEK) != 0 && (to & (OFFER | MUTUAL)) != 0) || ((from & MUTUAL) != 0 && (to & OFFER) != 0);
    }

    private double computeAreaValue(int stanceA, int intentA, int stanceB, int intentB) {
        double v = 0;
        if (seeks(stanceA, stanceB)) {
            v += w.complementary();
        }
        if (seeks(stanceB, stanceA)) {
            v += w.complementary();
        }
        if (v == 0 && (intentA & intentB) != 0) {
            v = w.sharedInterest();
        }
        return v;
    }

    /**
     * How two cities' masks in one area match, independent of weights: 1 both seek what the other
     * offers, 2 one does, 3 neither but they share an intent, 0 no match.
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

    /**
     * An upper bound of the area value of a match class (exact unless the complementary weight is 0,
     * when a complementary pair with a common intent scores as shared).
     */
    double classBound(int matchClass) {
        switch (matchClass) {
            case 1:
                return Math.max(2 * w.complementary(), w.sharedInterest());
            case 2:
                return Math.max(w.complementary(), w.sharedInterest());
            case 3:
                return w.sharedInterest();
            default:
                return 0;
        }
    }

    /** Exact interest part of the score (order-independent up to rounding). */
    double interestPart(CityNode a, CityNode b) {
        double sum = 0;
        for (int bits = a.areaBits & b.areaBits; bits != 0; bits &= bits - 1) {
            int x = Integer.numberOfTrailingZeros(bits);
            sum += areaValue(a.stance[x], a.intent[x], b.stance[x], b.intent[x]);
        }
        return sum;
    }

    /** An upper bound of everything but the interest part: exact for the cheap features, counts for the rest. */
    double otherBound(CityNode a, CityNode b) {
        double bound = 0;
        if (a.mayPrefer(b)) {
            bound += w.partnerPreference();
        }
        if (b.mayPrefer(a)) {
            bound += w.partnerPreference();
        }
        if (!a.clusters.isEmpty() && !b.clusters.isEmpty()) {
            bound += w.sharedCluster() * Math.min(a.clusters.size(), b.clusters.size());
        }
        if (!a.exchanges.isEmpty() && !b.exchanges.isEmpty()) {
            bound += (w.exchangeTogether() + w.surveyWish()) * Math.min(a.exchanges.size(), b.exchanges.size());
        }
        if (!a.worldHeritage.isEmpty() && !b.worldHeritage.isEmpty()) {
            bound += w.heritage();
        }
        if (!a.associations.isEmpty() && !b.associations.isEmpty()) {
            bound += w.association() * Math.min(a.associations.size(), b.associations.size());
        }
        bound += scale(a, b) + 1e-9;
        if (a.developing && b.developing && settings.southSouthMode() == SouthSouthMode.BONUS) {
            bound += w.southSouth();
        }
        if (!a.partners.isEmpty() && !b.partners.isEmpty()) {
            bound += w.network() * Math.min(a.partners.size(), b.partners.size()) / LN2;
        }
        return bound;
    }

    private double scale(CityNode a, CityNode b) {
        if (Double.isNaN(a.log10Population) || Double.isNaN(b.log10Population)) {
            return 0;
        }
        return w.scale() * Math.max(0, 1 - Math.abs(a.log10Population - b.log10Population) / 2);
    }

    /**
     * Scores a pair.
     *
     * @param withReasons false skips building reason texts (ranking needs only the score)
     * @return null when a hard constraint excludes the pair
     */
    Match evaluate(CityNode x, CityNode y, boolean withReasons, Requirement requirement) {
        if (x == y || !x.scorable() || !y.scorable()) {
            return null;
        }
        CityNode a = x.id.compareTo(y.id) < 0 ? x : y;
        CityNode b = a == x ? y : x;
        if (a.partners.contains(b.idx)) {
            return null;
        }
        boolean bothDeveloping = a.developing && b.developing;
        if (settings.southSouthMode() == SouthSouthMode.FILTER && !bothDeveloping) {
            return null;
        }
        List<MatchReason> reasons = withReasons ? new ArrayList<>() : null;
        double[] areaScore = new double[CityNode.AREAS];
        double interest = 0;
        boolean sisterArea = false;
        String prefA = null;
        String prefB = null;
        for (int bits = a.areaBits & b.areaBits; bits != 0; bits &= bits - 1) {
            int x0 = Integer.numberOfTrailingZeros(bits);
            CooperationArea area = AREAS[x0];
            double v = 0;
            if (seeks(a.stance[x0], b.stance[x0])) {
                v += w.complementary();
                if (reasons != null) { // texts only when asked: they cost more than the score
                    add(reasons, "complementary-interest", a.label() + " seeks " + lower(area) + ", which "
                            + b.label() + " offers", w.complementary());
                }
            }
            if (seeks(b.stance[x0], a.stance[x0])) {
                v += w.complementary();
                if (reasons != null) {
                    add(reasons, "complementary-interest", b.label() + " seeks " + lower(area) + ", which "
                            + a.label() + " offers", w.complementary());
                }
            }
            int commonIntents = a.intent[x0] & b.intent[x0];
            if (v == 0 && commonIntents != 0) {
                v = w.sharedInterest();
                if (reasons != null) {
                    add(reasons, "shared-interest", "Both cities pursue " + lower(area) + " ("
                            + intents(commonIntents) + ")", w.sharedInterest());
                }
            }
            if (v > 0) {
                areaScore[x0] = v;
                interest += v;
                if (((a.intent[x0] | b.intent[x0]) & SISTER) != 0) {
                    sisterArea = true;
                }
                if (prefA == null) {
                    prefA = satisfiedPreference(a, area, b);
                }
                if (prefB == null) {
                    prefB = satisfiedPreference(b, area, a);
                }
            }
        }
        if (requirement.kind() == null && interest <= 0) {
            return null;
        }
        double score = interest;
        if (prefA != null) {
            score += w.partnerPreference();
            if (reasons != null) {
                add(reasons, "partner-preference", a.label() + " looks for partners in " + prefA + ", where "
                        + b.label() + " is", w.partnerPreference());
            }
        }
        if (prefB != null) {
            score += w.partnerPreference();
            if (reasons != null) {
                add(reasons, "partner-preference", b.label() + " looks for partners in " + prefB + ", where "
                        + a.label() + " is", w.partnerPreference());
            }
        }
        score += sharedClusters(a, b, reasons);
        score += exchangesTogether(a, b, reasons);
        if (!a.worldHeritage.isEmpty() && !b.worldHeritage.isEmpty()) {
            score += w.heritage();
            if (reasons != null) {
                add(reasons, "heritage", "Both hold UNESCO World Heritage sites: " + String.join(", ", a.worldHeritage)
                        + "; " + String.join(", ", b.worldHeritage), w.heritage());
            }
        }
        score += sharedAssociations(a, b, reasons);
        if (!Double.isNaN(a.log10Population) && !Double.isNaN(b.log10Population)) {
            double similarity = Math.max(0, 1 - Math.abs(a.log10Population - b.log10Population) / 2);
            if (similarity > 0) {
                double c = w.scale() * similarity;
                score += c;
                if (reasons != null) {
                    add(reasons, "scale", String.format(Locale.ROOT, "Similar scale (%,d and %,d inhabitants)",
                            a.population, b.population), c);
                }
            }
        }
        if (bothDeveloping && settings.southSouthMode() == SouthSouthMode.BONUS) {
            score += w.southSouth();
            if (reasons != null) {
                add(reasons, "south-south", "Both cities are in developing economies (South-South cooperation)",
                        w.southSouth());
            }
        }
        score += network(a, b, reasons);
        int load = a.partners.size() + b.partners.size();
        if (load > 0 && w.loadDamper() > 0) {
            double c = -w.loadDamper() * (Math.log1p(a.partners.size()) + Math.log1p(b.partners.size()));
            score += c;
            if (reasons != null) {
                add(reasons, "load-damper", "Damped: the two cities already have " + load + " partnerships", c);
            }
        }
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
        if (reasons != null) {
            reasons.sort(Comparator.comparingDouble(MatchReason::contribution).reversed());
        }
        return new Match(a.id, b.id, kind, area, score, reasons);
    }

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

    /** The preference of one of {@code who}'s interests in this area that {@code other} satisfies, if any. */
    private static String satisfiedPreference(CityNode who, CooperationArea area, CityNode other) {
        if (!who.hasPreferences) {
            return null;
        }
        for (InterestFacts interest : who.interests.values()) {
            if (interest.area() != area || !interest.hasPreferences()) {
                continue;
            }
            for (String region : interest.preferredRegions()) {
                if (region.equalsIgnoreCase(other.region) || region.equalsIgnoreCase(other.subRegion)) {
                    return region;
                }
            }
            for (String country : interest.preferredCountries()) {
                if (country.equalsIgnoreCase(other.country)) {
                    return country;
                }
            }
        }
        return null;
    }

    private double sharedClusters(CityNode a, CityNode b, List<MatchReason> reasons) {
        CityNode small = a.clusters.size() <= b.clusters.size() ? a : b;
        CityNode large = small == a ? b : a;
        int count = 0;
        TreeSet<String> names = reasons == null ? null : new TreeSet<>();
        for (var cluster : small.clusters) {
            if (large.clusters.contains(cluster)) {
                count++;
                if (names != null) {
                    names.add(Objects.requireNonNullElse(graph.clusterNames.get(cluster), cluster.toString()));
                }
            }
        }
        if (count == 0) {
            return 0;
        }
        double c = w.sharedCluster() * count;
        if (reasons != null) {
            add(reasons, "shared-cluster", "Both are members of " + (count == 1 ? "the cluster " : count + " clusters: ")
                    + (names == null ? "" : String.join("; ", names)), c);
        }
        return c;
    }

    private double exchangesTogether(CityNode a, CityNode b, List<MatchReason> reasons) {
        CityNode small = a.exchanges.size() <= b.exchanges.size() ? a : b;
        CityNode large = small == a ? b : a;
        double total = 0;
        List<ExchangeNode> shared = new ArrayList<>();
        for (var exchangeId : small.exchanges) {
            if (large.exchanges.contains(exchangeId)) {
                shared.add(graph.exchanges.get(exchangeId));
            }
        }
        shared.sort(Comparator.comparing((ExchangeNode e) -> e.id));
        int wishes = 0;
        for (ExchangeNode exchange : shared) {
            if (reasons != null) {
                add(reasons, "exchange-together", "Both took part in \"" + exchange.title + "\""
                        + (exchange.date == null ? "" : " (" + exchange.date + ")"), w.exchangeTogether());
            }
            if (exchange.wantsPartnership.contains(a.idx) && exchange.wantsPartnership.contains(b.idx)) {
                wishes++;
                if (reasons != null) {
                    add(reasons, "survey-partnership-wish", "After \"" + exchange.title
                            + "\" both said in the survey that they want partnerships", w.surveyWish());
                }
            }
        }
        total = exchangeScore(shared.size(), wishes);
        return total;
    }

    private double exchangeScore(int together, int wishes) {
        return w.exchangeTogether() * together + w.surveyWish() * wishes;
    }

    /**
     * The score of a pair without reasons or kind, for ranking: the same arithmetic, in the same order,
     * as {@link #evaluate}, without allocations. NaN when a hard constraint excludes the pair or it has
     * no interest feature.
     */
    double scoreOnly(CityNode x, CityNode y) {
        if (x == y || !x.scorable() || !y.scorable()) {
            return Double.NaN;
        }
        CityNode a = x.id.compareTo(y.id) < 0 ? x : y;
        CityNode b = a == x ? y : x;
        if (graph.declinedPairs.contains(CityGraph.pairKey(a.idx, b.idx))) {
            Match match = evaluate(a, b, false, Requirement.AUTO);
            return match == null ? Double.NaN : match.score();
        }
        if (a.partners.contains(b.idx)) {
            return Double.NaN;
        }
        boolean bothDeveloping = a.developing && b.developing;
        if (settings.southSouthMode() == SouthSouthMode.FILTER && !bothDeveloping) {
            return Double.NaN;
        }
        double interest = 0;
        boolean prefA = false;
        boolean prefB = false;
        for (int bits = a.areaBits & b.areaBits; bits != 0; bits &= bits - 1) {
            int x0 = Integer.numberOfTrailingZeros(bits);
            double v = 0;
            if (seeks(a.stance[x0], b.stance[x0])) {
                v += w.complementary();
            }
            if (seeks(b.stance[x0], a.stance[x0])) {
                v += w.complementary();
            }
            if (v == 0 && (a.intent[x0] & b.intent[x0]) != 0) {
                v = w.sharedInterest();
            }
            if (v > 0) {
                interest += v;
                if (!prefA && a.hasPreferences) {
                    prefA = satisfiedPreference(a, AREAS[x0], b) != null;
                }
                if (!prefB && b.hasPreferences) {
                    prefB = satisfiedPreference(b, AREAS[x0], a) != null;
                }
            }
        }
        if (interest <= 0) {
            return Double.NaN;
        }
        double score = interest;
        if (prefA) {
            score += w.partnerPreference();
        }
        if (prefB) {
            score += w.partnerPreference();
        }
        if (!a.clusters.isEmpty() && !b.clusters.isEmpty()) {
            score += sharedClusters(a, b, null);
        }
        if (!a.exchanges.isEmpty() && !b.exchanges.isEmpty()) {
            score += exchangesTogether(a, b, null);
        }
        if (!a.worldHeritage.isEmpty() && !b.worldHeritage.isEmpty()) {
            score += w.heritage();
        }
        score += sharedAssociations(a, b, null);
        if (!Double.isNaN(a.log10Population) && !Double.isNaN(b.log10Population)) {
            double similarity = Math.max(0, 1 - Math.abs(a.log10Population - b.log10Population) / 2);
            if (similarity > 0) {
                score += w.scale() * similarity;
            }
        }
        if (bothDeveloping && settings.southSouthMode() == SouthSouthMode.BONUS) {
            score += w.southSouth();
        }
        score += network(a, b, null);
        int load = a.partners.size() + b.partners.size();
        if (load > 0 && w.loadDamper() > 0) {
            score += -w.loadDamper() * (Math.log1p(a.partners.size()) + Math.log1p(b.partners.size()));
        }
        return score;
    }

    private double sharedAssociations(CityNode a, CityNode b, List<MatchReason> reasons) {
        if (a.associations.isEmpty() || b.associations.isEmpty()) {
            return 0;
        }
        if (reasons == null) {
            int count = 0;
            for (String association : a.associations) {
                if (b.associations.contains(association)) {
                    count++;
                }
            }
            return w.association() * count;
        }
        TreeSet<String> shared = new TreeSet<>(a.associations);
        shared.retainAll(b.associations);
        if (shared.isEmpty()) {
            return 0;
        }
        double c = w.association() * shared.size();
        add(reasons, "shared-association", "Both belong to " + String.join("; ", shared), c);
        return c;
    }

    private double network(CityNode a, CityNode b, List<MatchReason> reasons) {
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
            CityNode node = graph.at(z);
            adamicAdar += 1 / Math.log(node.partners.size());
            if (reasons != null) {
                names.add(node.label());
            }
        }
        double c = w.network() * adamicAdar;
        if (reasons != null) {
            add(reasons, "network", "Partners of common partners: " + String.join(", ", names), c);
        }
        return c;
    }

    private static void add(List<MatchReason> reasons, String code, String text, double contribution) {
        if (reasons != null) {
            reasons.add(new MatchReason(code, text, contribution));
        }
    }

    private static String lower(CooperationArea area) {
        return area.label().toLowerCase(Locale.ROOT);
    }

    private static String intents(int mask) {
        List<String> names = new ArrayList<>();
        for (Intent intent : Intent.values()) {
            if ((mask & (1 << intent.ordinal())) != 0) {
                names.add(intent.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        }
        return String.join(", ", names);
    }
}
