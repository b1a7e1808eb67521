package org.citybridge.matchmaking.scoring;

import org.citybridge.contracts.events.PairIds;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

/**
 * The read model as the scoring core holds it in memory, with the indexes that keep re-scoring
 * incremental: cities by area (and by area and interest masks), by place, preference, heritage, by
 * cluster and by exchange, the partnership graph and the pairs declined before. Cities are numbered
 * densely so indexes are bit sets. Each change says which cities it may affect, for the ranking to
 * re-rank only those. Single writer.
 */
public final class CityGraph {

    final List<CityNode> nodes = new ArrayList<>();
    final Map<UUID, Integer> byId = new HashMap<>();
    final BitSet[] byArea = new BitSet[CityNode.AREAS];
    /**
     * Per area, per combination of stance and intent masks a city may hold there ({@code stance << 3 | intent}),
     * per {@link PairScorer#matchClass match class} 1–3: the cities whose own masks in that area have that
     * class against it. Lets a ranking read "who complements me both ways in this area" directly.
     */
    final IdSet[][][] byAreaClass = new IdSet[CityNode.AREAS][64][4];
    /** Cities with World Heritage sites; by cluster; by lower-case country, region or sub-region. */
    final IdSet withHeritage = new IdSet();

    final Map<UUID, IdSet> clusterBits = new HashMap<>();
    final Map<String, IdSet> byPlace = new HashMap<>();
    /**
     * Cities by lower-case country, and those asking for partners in their own country: two cities of one
     * country are never proposed unless one of them asks (the search leaves the others out).
     */
    final Map<String, IdSet> byCountry = new HashMap<>();

    final IdSet askingDomestic = new IdSet();
    /** Cities with an interest preferring partners in a (lower-case) country, region or sub-region. */
    final Map<String, IdSet> byPreferenceTarget = new HashMap<>();

    final Map<UUID, Set<Integer>> byCluster = new HashMap<>();
    final Map<UUID, String> clusterNames = new HashMap<>();
    final Map<UUID, ExchangeNode> exchanges = new HashMap<>();
    /** Cities by cell of {@link GeoGrid} (null for empty cells), and which cells hold any. */
    final IdSet[] byCell = new IdSet[GeoGrid.cells()];

    final BitSet occupiedCells = new BitSet();
    /** Cities by official language (lower-case ISO 639-1). */
    final Map<String, IdSet> byLanguage = new HashMap<>();
    /** Cities by partnership count, see {@link #activityBucket}. */
    final IdSet[] byActivity = new IdSet[ACTIVITY_BUCKETS];
    /** Cities in developing economies. */
    final IdSet developingCities = new IdSet();
    /** Cities with a population, by {@link #scaleBucket}. */
    final IdSet[] byScale = new IdSet[SCALE_BUCKETS];
    /** Pair ids (pair and kind) declined before: never proposed again. */
    final Set<UUID> declined = new HashSet<>();
    /** The same, as unordered pairs of city numbers, for a cheap first check. */
    final Set<Long> declinedPairs = new HashSet<>();

    /**
     * Every partnership, as (city, partner) both ways, readable without the engine lock: a consumer passes over a
     * profile restated for partners known here before it waits for the lock (see {@link #knowsPartners}).
     */
    private final Set<PartnerPair> knownPartners = ConcurrentHashMap.newKeySet();

    private record PartnerPair(UUID city, UUID partner) {}

    final DevelopingEconomies developing;

    public CityGraph(DevelopingEconomies developing) {
        this.developing = developing;
        for (int k = 0; k < byActivity.length; k++) {
            byActivity[k] = new IdSet();
        }
        for (int k = 0; k < byScale.length; k++) {
            byScale[k] = new IdSet();
        }
        for (int a = 0; a < CityNode.AREAS; a++) {
            byArea[a] = new BitSet();
            for (int m = 0; m < 64; m++) {
                for (int c = 1; c < 4; c++) {
                    byAreaClass[a][m][c] = new IdSet();
                }
            }
        }
    }

    // ---------------------------------------------------------------- lookups

    /** The node of a city, created as an unregistered placeholder when first referenced. */
    public CityNode node(UUID id) {
        Integer idx = byId.get(id);
        if (idx != null) {
            return nodes.get(idx);
        }
        CityNode node = new CityNode(id, nodes.size());
        nodes.add(node);
        byId.put(id, node.idx);
        byActivity[0].add(node.idx);
        return node;
    }

    public CityNode find(UUID id) {
        Integer idx = byId.get(id);
        return idx == null ? null : nodes.get(idx);
    }

    public CityNode at(int idx) {
        return nodes.get(idx);
    }

    public List<CityNode> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    public int size() {
        return nodes.size();
    }

    /** An unordered pair of city numbers as one key. */
    public static long pairKey(int x, int y) {
        int lo = Math.min(x, y);
        int hi = Math.max(x, y);
        return ((long) lo << 32) | (hi & 0xffffffffL);
    }

    /** Read-only facts of one city, for selecting groups of cities. */
    public CityView view(CityNode node) {
        Set<CooperationArea> areas = EnumSet.noneOf(CooperationArea.class);
        for (int bits = node.areaBits; bits != 0; bits &= bits - 1) {
            areas.add(CooperationArea.values()[Integer.numberOfTrailingZeros(bits)]);
        }
        return new CityView(
                node.id,
                node.name,
                node.country,
                node.region,
                node.subRegion,
                node.registered,
                node.retired,
                Set.copyOf(node.clusters),
                areas,
                node.partners.size());
    }

    /** The held exchanges both cities took part in, by id. */
    List<ExchangeNode> sharedExchanges(CityNode a, CityNode b) {
        if (a.exchanges.isEmpty() || b.exchanges.isEmpty()) {
            return List.of();
        }
        CityNode small = a.exchanges.size() <= b.exchanges.size() ? a : b;
        CityNode large = small == a ? b : a;
        List<ExchangeNode> shared = new ArrayList<>();
        for (UUID exchangeId : small.exchanges) {
            if (large.exchanges.contains(exchangeId)) {
                shared.add(exchanges.get(exchangeId));
            }
        }
        shared.sort(Comparator.comparing((ExchangeNode e) -> e.id));
        return shared;
    }

    /** Every participant of every exchange the city took part in (itself included). */
    void forEachExchangePartner(CityNode a, IntConsumer out) {
        for (UUID exchangeId : a.exchanges) {
            ExchangeNode exchange = exchanges.get(exchangeId);
            if (exchange != null) {
                exchange.participants.forEach(out::accept);
            }
        }
    }

    /** The cities whose match class with the city's current masks in one area is not 0. */
    public BitSet matchingInArea(CityNode node, int area) {
        IdSet[] classes = byAreaClass[area][node.stance[area] << 3 | node.intent[area]];
        long[] union = new long[(size() + 63) >>> 6];
        for (int c = 1; c < classes.length; c++) {
            for (int w = 0; w < union.length; w++) {
                union[w] |= classes[c].word(w);
            }
        }
        return BitSet.valueOf(union);
    }

    /** Every city with an interest in any area the given city has one in. */
    public BitSet areaNeighbourhood(CityNode node) {
        BitSet union = new BitSet();
        for (int bits = node.areaBits; bits != 0; bits &= bits - 1) {
            union.or(byArea[Integer.numberOfTrailingZeros(bits)]);
        }
        return union;
    }

    // ---------------------------------------------------------------- changes

    /**
     * Registers or updates a city's profile.
     *
     * @return the partners its profile adds (each also gains the city)
     */
    public List<CityNode> upsertCity(CityFacts facts) {
        CityNode node = node(facts.cityId());
        node.registered = true;
        node.profile = facts.withoutPartners();
        node.name = facts.name();
        place(node, facts.country(), facts.region(), facts.subRegion(), facts.worldHeritage());
        node.population = facts.population();
        node.log10Population =
                facts.population() != null && facts.population() > 0 ? Math.log10(facts.population()) : Double.NaN;
        node.associations = Set.copyOf(facts.associations());
        node.developing = developing.contains(facts.country());
        developingCities.set(node.idx, node.developing);
        reindexScale(node);
        locate(node, facts.latitude(), facts.longitude());
        speak(node, facts.languages());
        List<CityNode> newPartners = new ArrayList<>();
        for (UUID partnerId : facts.partners()) {
            if (!partnerId.equals(node.id)) {
                CityNode partner = node(partnerId);
                if (partnershipFormed(node, partner)) {
                    newPartners.add(partner);
                }
            }
        }
        return newPartners;
    }

    /**
     * Whether these facts would change nothing the city is scored or explained by: its profile as it stands
     * and no partner it does not have already (e.g. a profile restated because its partner list caught up
     * with a partnership this graph knows).
     */
    public boolean restates(CityFacts facts) {
        CityNode node = find(facts.cityId());
        if (node == null
                || !node.registered
                || node.retired
                || !facts.withoutPartners().equals(node.profile)) {
            return false;
        }
        for (UUID partnerId : facts.partners()) {
            CityNode partner = find(partnerId);
            if (!partnerId.equals(node.id) && (partner == null || !node.partners.contains(partner.idx))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the city has a partnership here with each of these (the city itself passed over); the one read
     * that is safe without the engine lock, while another thread changes the graph.
     */
    public boolean knowsPartners(UUID cityId, Collection<UUID> partnerIds) {
        for (UUID partnerId : partnerIds) {
            if (!partnerId.equals(cityId) && !knownPartners.contains(new PartnerPair(cityId, partnerId))) {
                return false;
            }
        }
        return true;
    }

    /** Retires a city: it leaves every area index and is never scored again. */
    public CityNode retire(UUID cityId) {
        CityNode node = node(cityId);
        node.retired = true;
        for (int x = 0; x < CityNode.AREAS; x++) {
            reindexArea(node, x);
        }
        return node;
    }

    /**
     * States (or restates) an interest.
     *
     * @return the cities whose score with this one may have risen: those matching it in the areas the
     *         interest changed (weights are non-negative, so elsewhere nothing rose), or every city sharing
     *         an area with it when it starts or stops asking for partners in its own country
     */
    public BitSet expressInterest(UUID cityId, InterestFacts interest) {
        CityNode node = node(cityId);
        boolean askedDomestic = node.asksDomestic;
        InterestFacts previous = node.interests.put(interest.interestId(), interest);
        int area = interest.area().ordinal();
        node.recomputeArea(area);
        reindexArea(node, area);
        BitSet rising = matchingInArea(node, area);
        if (previous != null && previous.area() != interest.area()) {
            int old = previous.area().ordinal();
            node.recomputeArea(old);
            reindexArea(node, old);
            rising.or(matchingInArea(node, old));
        }
        askingDomestic.set(node.idx, node.asksDomestic);
        // asking for partners at home makes the city's own country eligible in every area it pursues
        return node.asksDomestic != askedDomestic ? areaNeighbourhood(node) : rising;
    }

    /**
     * Withdraws an interest.
     *
     * @return the cities matching the city in that area now, or null if nothing changed
     */
    public BitSet withdrawInterest(UUID cityId, UUID interestId) {
        CityNode node = find(cityId);
        if (node == null) {
            return null;
        }
        boolean askedDomestic = node.asksDomestic;
        InterestFacts removed = node.interests.remove(interestId);
        if (removed == null) {
            return null;
        }
        int area = removed.area().ordinal();
        node.recomputeArea(area);
        reindexArea(node, area);
        askingDomestic.set(node.idx, node.asksDomestic);
        return node.asksDomestic != askedDomestic ? areaNeighbourhood(node) : matchingInArea(node, area);
    }

    public void nameCluster(UUID clusterId, String name) {
        clusterNames.put(clusterId, name);
    }

    /** @return the cluster's members (the city included), or null if the city was a member already */
    public List<Integer> joinCluster(UUID clusterId, UUID cityId) {
        CityNode node = node(cityId);
        if (!node.clusters.add(clusterId)) {
            return null;
        }
        Set<Integer> members = byCluster.computeIfAbsent(clusterId, k -> new HashSet<>());
        members.add(node.idx);
        clusterBits.computeIfAbsent(clusterId, k -> new IdSet()).add(node.idx);
        return new ArrayList<>(members);
    }

    /** @return the cluster's remaining members, or null if the city was not a member */
    public List<Integer> leaveCluster(UUID clusterId, UUID cityId) {
        CityNode node = find(cityId);
        if (node == null || !node.clusters.remove(clusterId)) {
            return null;
        }
        Set<Integer> members = byCluster.computeIfAbsent(clusterId, k -> new HashSet<>());
        members.remove(node.idx);
        clusterBits.computeIfAbsent(clusterId, k -> new IdSet()).remove(node.idx);
        return new ArrayList<>(members);
    }

    /**
     * An exchange took place with these participants (a restatement replaces the participants).
     *
     * @return the former and current participants
     */
    public Set<Integer> exchangeHeld(UUID exchangeId, String title, LocalDate date, Collection<UUID> participants) {
        ExchangeNode exchange = exchanges.computeIfAbsent(exchangeId, ExchangeNode::new);
        exchange.title = title;
        exchange.date = date;
        exchange.held = true;
        Set<Integer> now = new HashSet<>();
        for (UUID id : participants) {
            now.add(node(id).idx);
        }
        Set<Integer> all = new HashSet<>(exchange.participants);
        all.addAll(now);
        for (int old : exchange.participants) {
            if (!now.contains(old)) {
                at(old).exchanges.remove(exchangeId);
            }
        }
        for (int p : now) {
            at(p).exchanges.add(exchangeId);
        }
        exchange.participants.clear();
        exchange.participants.addAll(now);
        return all;
    }

    /** @return the former participants, or null if the exchange had none */
    public Set<Integer> exchangeCancelled(UUID exchangeId) {
        ExchangeNode exchange = exchanges.get(exchangeId);
        if (exchange == null || exchange.participants.isEmpty()) {
            return null;
        }
        Set<Integer> all = new HashSet<>(exchange.participants);
        for (int p : all) {
            at(p).exchanges.remove(exchangeId);
        }
        exchange.participants.clear();
        exchange.held = false;
        return all;
    }

    /** @return the exchange's participants if the answer changed a participant's wish, else null */
    public List<Integer> surveyAnswered(UUID exchangeId, UUID cityId, boolean wantsPartnership) {
        ExchangeNode exchange = exchanges.computeIfAbsent(exchangeId, ExchangeNode::new);
        CityNode node = node(cityId);
        boolean changed =
                wantsPartnership ? exchange.wantsPartnership.add(node.idx) : exchange.wantsPartnership.remove(node.idx);
        return changed && exchange.participants.contains(node.idx) ? new ArrayList<>(exchange.participants) : null;
    }

    /** @return false if the cities were partners already (or are the same) */
    public boolean partnershipFormed(CityNode a, CityNode b) {
        if (a == b || !a.partners.add(b.idx)) {
            return false;
        }
        b.partners.add(a.idx);
        knownPartners.add(new PartnerPair(a.id, b.id));
        knownPartners.add(new PartnerPair(b.id, a.id));
        reindexActivity(a);
        reindexActivity(b);
        return true;
    }

    /** Exact buckets for 0 to 15 partners, then four per doubling: bounds within ln(2) / 4 of ln(1 + partners). */
    static final int ACTIVITY_BUCKETS = 16 + 4 * 28;

    /** The bucket of {@link #byActivity} for a number of partners. */
    static int activityBucket(int partners) {
        if (partners < 16) {
            return partners;
        }
        double doublings = Math.log(partners + 1.0) / Math.log(2) - 4;
        return Math.min(ACTIVITY_BUCKETS - 1, 16 + (int) (doublings * 4));
    }

    /** The largest ln(1 + partners) of a bucket's cities. */
    static double activityCeiling(int bucket) {
        return bucket < 16 ? Math.log1p(bucket) : Math.log(2) * (4 + (bucket - 15) / 4.0);
    }

    /** Half decades of population: bucket k holds log10(population) in [k / 2, (k + 1) / 2), the last the rest. */
    static final int SCALE_PER_DECADE = 2;

    static final int SCALE_BUCKETS = 12 * SCALE_PER_DECADE;

    /** Populations are whole numbers, so log10 is at least 0: bucket 0 starts there. */
    static int scaleBucket(double log10Population) {
        return Math.max(0, Math.min(SCALE_BUCKETS - 1, (int) Math.floor(log10Population * SCALE_PER_DECADE)));
    }

    private void reindexScale(CityNode node) {
        int bucket = Double.isNaN(node.log10Population) ? -1 : scaleBucket(node.log10Population);
        if (bucket != node.indexedScale) {
            if (node.indexedScale >= 0) {
                byScale[node.indexedScale].remove(node.idx);
            }
            if (bucket >= 0) {
                byScale[bucket].add(node.idx);
            }
            node.indexedScale = bucket;
        }
    }

    private void reindexActivity(CityNode node) {
        int bucket = activityBucket(node.partners.size());
        if (bucket != node.indexedActivity) {
            byActivity[node.indexedActivity].remove(node.idx);
            byActivity[bucket].add(node.idx);
            node.indexedActivity = bucket;
        }
    }

    /** @return false if this pair and kind was declined already */
    public boolean declined(UUID cityA, UUID cityB, ProposalKind kind, CooperationArea area) {
        if (!declined.add(PairIds.of(cityA, cityB, kind, area))) {
            return false;
        }
        declinedPairs.add(pairKey(node(cityA).idx, node(cityB).idx));
        return true;
    }

    // ---------------------------------------------------------------- indexes

    /** Sets a city's place and heritage, keeping the place and heritage indexes in step. */
    private void place(CityNode node, String country, String region, String subRegion, List<String> heritage) {
        for (String part : node.place) {
            byPlace.get(part).remove(node.idx);
        }
        if (node.countryKey != null) {
            byCountry.get(node.countryKey).remove(node.idx);
        }
        node.setPlace(country, region, subRegion);
        if (node.countryKey != null) {
            byCountry.computeIfAbsent(node.countryKey, k -> new IdSet()).add(node.idx);
        }
        askingDomestic.set(node.idx, node.asksDomestic);
        for (String part : node.place) {
            byPlace.computeIfAbsent(part, k -> new IdSet()).add(node.idx);
        }
        node.worldHeritage = heritage;
        withHeritage.set(node.idx, !heritage.isEmpty());
    }

    /** Sets a city's position, keeping the cell index in step. */
    private void locate(CityNode node, Double latitude, Double longitude) {
        if (node.indexedCell >= 0) {
            byCell[node.indexedCell].remove(node.idx);
            if (byCell[node.indexedCell].isEmpty()) {
                occupiedCells.clear(node.indexedCell);
            }
        }
        if (latitude == null || longitude == null) {
            node.position = null;
            node.indexedCell = -1;
            return;
        }
        node.position = GeoGrid.unit(latitude, longitude);
        int cell = GeoGrid.cell(latitude, longitude);
        if (byCell[cell] == null) {
            byCell[cell] = new IdSet();
        }
        byCell[cell].add(node.idx);
        occupiedCells.set(cell);
        node.indexedCell = cell;
    }

    /** Sets a city's languages, keeping the language index in step. */
    private void speak(CityNode node, List<String> languages) {
        for (String language : node.languages) {
            byLanguage.get(language).remove(node.idx);
        }
        Set<String> lower = new HashSet<>();
        languages.forEach(l -> lower.add(l.toLowerCase(Locale.ROOT)));
        node.languages = Set.copyOf(lower);
        for (String language : node.languages) {
            byLanguage.computeIfAbsent(language, k -> new IdSet()).add(node.idx);
        }
    }

    /** Refreshes the area indexes of one city for one area. */
    private void reindexArea(CityNode node, int area) {
        boolean indexed = node.stance[area] != 0 && !node.retired;
        int newStance = indexed ? node.stance[area] : 0;
        int newIntent = indexed ? node.intent[area] : 0;
        if (node.indexedStance[area] != newStance || node.indexedIntent[area] != newIntent) {
            for (int s = 1; s < 8; s++) {
                for (int i = 1; i < 8; i++) {
                    IdSet[] classes = byAreaClass[area][s << 3 | i];
                    int was = PairScorer.matchClass(s, i, node.indexedStance[area], node.indexedIntent[area]);
                    int now = PairScorer.matchClass(s, i, newStance, newIntent);
                    if (was != now) {
                        if (was != 0) {
                            classes[was].remove(node.idx);
                        }
                        if (now != 0) {
                            classes[now].add(node.idx);
                        }
                    }
                }
            }
            node.indexedStance[area] = (byte) newStance;
            node.indexedIntent[area] = (byte) newIntent;
        }
        if (!node.indexedTargets.equals(node.preferenceTargets)) {
            for (String target : node.indexedTargets) {
                byPreferenceTarget.get(target).remove(node.idx);
            }
            for (String target : node.preferenceTargets) {
                byPreferenceTarget.computeIfAbsent(target, k -> new IdSet()).add(node.idx);
            }
            node.indexedTargets = node.preferenceTargets;
        }
        byArea[area].set(node.idx, indexed);
    }
}
