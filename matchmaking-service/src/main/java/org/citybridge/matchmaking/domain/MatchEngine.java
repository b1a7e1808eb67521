package org.citybridge.matchmaking.domain;

import org.citybridge.contracts.events.PairIds;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The matchmaking core: the in-memory read model, every city's top-N ranking, and incremental
 * maintenance of those rankings as facts change. Plain Java, single writer (callers serialise
 * mutations); queries may run concurrently with each other but not with a mutation.
 *
 * <p>Ranking one city never scores all cities: {@link TopSearch} sweeps bit-set indexes of the city's
 * features 64 cities at a time and scores only the candidates whose upper bound can still enter the
 * top N; a re-rank starts from the previous list, so its threshold is high from the start.
 *
 * <p>After a change to city A, A is re-ranked, and for the cities B whose score with A may have
 * changed (found through the area, cluster, exchange and partnership indexes) only the entry of A in
 * B's list is updated; B is fully re-ranked only when A's entry in B's list fell (its successor is
 * unknown). Every pair whose listing or score may have changed is collected for {@link #drainChanges()}.
 */
public final class MatchEngine {

    private static final double EPS = 1e-9;

    private final CityGraph graph;
    private MatchSettings settings;
    private PairScorer scorer;
    private final List<TopList> lists = new ArrayList<>();
    private final List<Set<Integer>> heldBy = new ArrayList<>();
    /**
     * Each city's current entry threshold ({@link TopList#threshold}), kept beside the lists: offering a
     * changed city to tens of thousands of others reads this array in city order instead of each
     * other city's list object (scattered over the heap, a cache miss each).
     */
    private double[] thresholds = new double[0];
    private int firstUnnoted;
    /**
     * The cities whose list is exactly their top N (ranked by a search, then kept by the incremental
     * steps). Lists restored from stored proposals may miss entries until the city is ranked again.
     */
    private final BitSet exact = new BitSet();
    private Set<Long> touched = new LinkedHashSet<>();
    private final ThreadLocal<TopSearch.Scratch> scratch = ThreadLocal.withInitial(TopSearch.Scratch::new);
    private boolean bulk;

    public MatchEngine(MatchSettings settings, DevelopingEconomies developing) {
        this.graph = new CityGraph(developing);
        this.settings = settings;
        this.scorer = new PairScorer(graph, settings);
    }

    public MatchSettings settings() {
        return settings;
    }

    /** Replaces the settings (e.g. new weights) and re-ranks every city. */
    public void reconfigure(MatchSettings newSettings) {
        this.settings = newSettings;
        this.scorer = new PairScorer(graph, newSettings);
        rescoreAll();
    }

    /** Suspends ranking maintenance while a large state is loaded; end with {@link #endBulk()}. */
    public void beginBulk() {
        bulk = true;
    }

    public void endBulk() {
        bulk = false;
        ensureLists();
    }

    // ---------------------------------------------------------------- mutations

    public void upsertCity(CityFacts facts) {
        CityNode node = graph.node(facts.cityId());
        node.registered = true;
        node.name = facts.name();
        graph.place(node, facts.country(), facts.region(), facts.subRegion(), facts.worldHeritage());
        node.population = facts.population();
        node.log10Population = facts.population() != null && facts.population() > 0
                ? Math.log10(facts.population()) : Double.NaN;
        node.associations = Set.copyOf(facts.associations());
        node.developing = graph.developing.contains(facts.country());
        List<CityNode> newPartners = new ArrayList<>();
        for (UUID partnerId : facts.partners()) {
            if (!partnerId.equals(node.id)) {
                CityNode partner = graph.node(partnerId);
                if (node.partners.add(partner.idx)) {
                    partner.partners.add(node.idx);
                    newPartners.add(partner);
                }
            }
        }
        ensureLists();
        refresh(node, graph.areaNeighbourhood(node), null, false);
        for (CityNode partner : newPartners) {
            partnershipEffects(node, partner);
        }
    }

    public void retireCity(UUID cityId) {
        CityNode node = graph.node(cityId);
        node.retired = true;
        for (int x = 0; x < CityNode.AREAS; x++) {
            graph.reindexArea(node, x);
        }
        ensureLists();
        refresh(node, null, null);
    }

    public void expressInterest(UUID cityId, InterestFacts interest) {
        CityNode node = graph.node(cityId);
        InterestFacts previous = node.interests.put(interest.interestId(), interest);
        int area = interest.area().ordinal();
        node.recomputeArea(area);
        graph.reindexArea(node, area);
        // Weights are non-negative, so the city's score can only have risen where an area it changed
        // now matches (match class not 0); the preference features count only there too.
        BitSet rising = graph.matchingInArea(node, area);
        if (previous != null && previous.area() != interest.area()) {
            int old = previous.area().ordinal();
            node.recomputeArea(old);
            graph.reindexArea(node, old);
            rising.or(graph.matchingInArea(node, old));
        }
        ensureLists();
        refresh(node, rising, null, true);
    }

    public void withdrawInterest(UUID cityId, UUID interestId) {
        CityNode node = graph.find(cityId);
        if (node == null) {
            return;
        }
        InterestFacts removed = node.interests.remove(interestId);
        if (removed == null) {
            return;
        }
        int area = removed.area().ordinal();
        node.recomputeArea(area);
        graph.reindexArea(node, area);
        ensureLists();
        refresh(node, graph.matchingInArea(node, area), null, true);
    }

    public void nameCluster(UUID clusterId, String name) {
        graph.clusterNames.put(clusterId, name);
    }

    public void joinCluster(UUID clusterId, UUID cityId) {
        CityNode node = graph.node(cityId);
        Set<Integer> members = graph.clusterMembers(clusterId);
        if (node.clusters.add(clusterId)) {
            members.add(node.idx);
            graph.clusterBits(clusterId).add(node.idx);
            ensureLists();
            refresh(node, null, new ArrayList<>(members));
        }
    }

    public void leaveCluster(UUID clusterId, UUID cityId) {
        CityNode node = graph.find(cityId);
        if (node == null || !node.clusters.remove(clusterId)) {
            return;
        }
        Set<Integer> members = graph.clusterMembers(clusterId);
        members.remove(node.idx);
        graph.clusterBits(clusterId).remove(node.idx);
        ensureLists();
        refresh(node, null, new ArrayList<>(members));
    }

    /** An exchange took place with these participants (a restatement replaces the participants). */
    public void exchangeHeld(UUID exchangeId, String title, LocalDate date, Collection<UUID> participants) {
        ExchangeNode exchange = graph.exchange(exchangeId);
        exchange.title = title;
        exchange.date = date;
        exchange.held = true;
        Set<Integer> now = new HashSet<>();
        for (UUID id : participants) {
            now.add(graph.node(id).idx);
        }
        Set<Integer> all = new HashSet<>(exchange.participants);
        all.addAll(now);
        for (int old : exchange.participants) {
            if (!now.contains(old)) {
                graph.at(old).exchanges.remove(exchangeId);
            }
        }
        for (int p : now) {
            graph.at(p).exchanges.add(exchangeId);
        }
        exchange.participants.clear();
        exchange.participants.addAll(now);
        ensureLists();
        refreshAll(all);
    }

    public void exchangeCancelled(UUID exchangeId) {
        ExchangeNode exchange = graph.exchanges.get(exchangeId);
        if (exchange == null || exchange.participants.isEmpty()) {
            return;
        }
        Set<Integer> all = new HashSet<>(exchange.participants);
        for (int p : all) {
            graph.at(p).exchanges.remove(exchangeId);
        }
        exchange.participants.clear();
        exchange.held = false;
        ensureLists();
        refreshAll(all);
    }

    public void surveyAnswered(UUID exchangeId, UUID cityId, boolean wantsPartnership) {
        ExchangeNode exchange = graph.exchange(exchangeId);
        CityNode node = graph.node(cityId);
        boolean changed = wantsPartnership ? exchange.wantsPartnership.add(node.idx)
                : exchange.wantsPartnership.remove(node.idx);
        if (changed && exchange.participants.contains(node.idx)) {
            ensureLists();
            refresh(node, null, new ArrayList<>(exchange.participants));
        }
    }

    /** Two cities became partners: the pair is excluded from now on, and network and load change around them. */
    public void partnershipFormed(UUID cityA, UUID cityB) {
        CityNode a = graph.node(cityA);
        CityNode b = graph.node(cityB);
        if (a == b || !a.partners.add(b.idx)) {
            return;
        }
        b.partners.add(a.idx);
        ensureLists();
        partnershipEffects(a, b);
    }

    /** A proposal of this kind was declined: the pair is never proposed again for that kind. */
    public void declined(UUID cityA, UUID cityB, ProposalKind kind, CooperationArea area) {
        if (!graph.declined.add(PairIds.of(cityA, cityB, kind, area))) {
            return;
        }
        CityNode a = graph.node(cityA);
        CityNode b = graph.node(cityB);
        graph.declinedPairs.add(CityGraph.pairKey(a.idx, b.idx));
        ensureLists();
        refresh(a, null, List.of(b.idx));
    }

    /** Re-ranks every city from scratch (weights changed); returns the number of cities ranked. */
    public int rescoreAll() {
        ensureLists(true);
        int n = graph.size();
        TopList[] fresh = new TopList[n];
        IntStream.range(0, n).parallel().forEach(i -> fresh[i] = computeTop(graph.at(i), null));
        for (int i = 0; i < n; i++) {
            TopList old = lists.get(i);
            for (int k = 0; k < old.size; k++) {
                touch(i, old.others[k]);
            }
            for (int k = 0; k < fresh[i].size; k++) {
                touch(i, fresh[i].others[k]);
            }
            lists.set(i, fresh[i]);
            noteThreshold(i);
            exact.set(i);
            heldBy.set(i, null);
        }
        for (int i = 0; i < n; i++) {
            TopList list = lists.get(i);
            for (int k = 0; k < list.size; k++) {
                heldBy(list.others[k]).add(i);
            }
        }
        return n;
    }

    /** Restores a listed pair from persisted state (startup), without recording changes. */
    public void restoreListed(UUID cityA, UUID cityB) {
        CityNode a = graph.find(cityA);
        CityNode b = graph.find(cityB);
        if (a == null || b == null) {
            return;
        }
        ensureLists();
        double score = scorer.scoreOnly(a, b);
        if (!(score >= settings.minScore())) {
            return;
        }
        for (CityNode[] side : new CityNode[][]{{a, b}, {b, a}}) {
            TopList list = lists.get(side[0].idx);
            if (list.indexOf(side[1].idx) < 0) {
                int evicted = list.offer(side[1].idx, score);
                if (evicted != -2) {
                    heldBy(side[1].idx).add(side[0].idx);
                    noteThreshold(side[0].idx);
                    exact.clear(side[0].idx);
                }
                if (evicted >= 0) {
                    heldBy(evicted).remove(side[0].idx);
                }
            }
        }
    }

    // ---------------------------------------------------------------- queries

    /** The pairs whose ranking changed since the last call, with their current match (reasons included). */
    public List<PairChange> drainChanges() {
        List<PairChange> changes = new ArrayList<>(touched.size());
        for (long key : touched) {
            int x = (int) (key >>> 32);
            int y = (int) key;
            CityNode a = graph.at(x);
            CityNode b = graph.at(y);
            boolean listed = lists.get(x).indexOf(y) >= 0 || lists.get(y).indexOf(x) >= 0;
            Match current = listed ? scorer.evaluate(a, b, true, PairScorer.Requirement.AUTO) : null;
            UUID low = a.id.compareTo(b.id) < 0 ? a.id : b.id;
            changes.add(new PairChange(low, low.equals(a.id) ? b.id : a.id, current));
        }
        touched = new LinkedHashSet<>(); // not clear(): that walks the whole table, grown once by a full re-score
        changes.sort(Comparator.comparing(PairChange::cityA).thenComparing(PairChange::cityB));
        return changes;
    }

    /** The city's current top list, best first. */
    public List<Ranked> ranking(UUID cityId) {
        CityNode node = graph.find(cityId);
        if (node == null || node.idx >= lists.size()) {
            return List.of();
        }
        return toRanked(lists.get(node.idx));
    }

    /** The city's current top list as matches with reasons. */
    public List<Match> topMatches(UUID cityId) {
        CityNode node = graph.find(cityId);
        List<Match> matches = new ArrayList<>();
        for (Ranked ranked : ranking(cityId)) {
            matches.add(scorer.evaluate(node, graph.find(ranked.partner()), true, PairScorer.Requirement.AUTO));
        }
        return matches;
    }

    /** Ranks the city afresh through the indexes (does not change the stored ranking). */
    public List<Ranked> rankIndexed(UUID cityId) {
        CityNode node = graph.find(cityId);
        return node == null ? List.of() : toRanked(computeTop(node, null));
    }

    /** Ranks the city by scoring it against every other city: the reference for tests and benchmarks. */
    public List<Ranked> rankBruteForce(UUID cityId) {
        CityNode a = graph.find(cityId);
        TopList result = new TopList(settings.topN(), graph.nodes);
        if (a == null) {
            return List.of();
        }
        for (CityNode b : graph.nodes) {
            double score = scorer.scoreOnly(a, b);
            if (score >= settings.minScore()) {
                result.offer(b.idx, score);
            }
        }
        return toRanked(result);
    }

    /** The best-kind match of two cities with reasons, if no hard constraint excludes them. */
    public Optional<Match> match(UUID cityA, UUID cityB) {
        CityNode a = graph.find(cityA);
        CityNode b = graph.find(cityB);
        if (a == null || b == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(scorer.evaluate(a, b, true, PairScorer.Requirement.AUTO));
    }

    /**
     * The match of two cities for a fixed kind (pairing rounds): no interest feature is required.
     *
     * @param withReasons false for the score only (fast, for score matrices)
     */
    public Optional<Match> matchFor(UUID cityA, UUID cityB, ProposalKind kind, CooperationArea area, boolean withReasons) {
        CityNode a = graph.find(cityA);
        CityNode b = graph.find(cityB);
        if (a == null || b == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(scorer.evaluate(a, b, withReasons, new PairScorer.Requirement(kind, area)));
    }

    /**
     * The scores of every left × right pair for a fixed kind (pairing rounds), NaN where no match is
     * possible: {@link #matchFor} without reasons for each cell, the cities looked up once and the rows
     * scored in parallel (read-only, like a full re-score).
     */
    public double[][] scoreMatrix(List<UUID> left, List<UUID> right, ProposalKind kind, CooperationArea area) {
        CityNode[] rows = left.stream().map(graph::find).toArray(CityNode[]::new);
        CityNode[] columns = right.stream().map(graph::find).toArray(CityNode[]::new);
        PairScorer.Requirement requirement = new PairScorer.Requirement(kind, area);
        double[][] scores = new double[rows.length][columns.length];
        IntStream.range(0, rows.length).parallel().forEach(i -> {
            for (int j = 0; j < columns.length; j++) {
                Match match = rows[i] == null || columns[j] == null ? null
                        : scorer.evaluate(rows[i], columns[j], false, requirement);
                scores[i][j] = match == null ? Double.NaN : match.score();
            }
        });
        return scores;
    }

    public boolean isListed(UUID cityA, UUID cityB) {
        CityNode a = graph.find(cityA);
        CityNode b = graph.find(cityB);
        if (a == null || b == null || a.idx >= lists.size() || b.idx >= lists.size()) {
            return false;
        }
        return lists.get(a.idx).indexOf(b.idx) >= 0 || lists.get(b.idx).indexOf(a.idx) >= 0;
    }

    public Optional<CityView> city(UUID cityId) {
        CityNode node = graph.find(cityId);
        return node == null ? Optional.empty() : Optional.of(view(node));
    }

    public List<CityView> cities() {
        return graph.nodes.stream().map(MatchEngine::view).toList();
    }

    public int size() {
        return graph.size();
    }

    /** For tests of the scoring paths. */
    double[] scoreBothWays(UUID cityA, UUID cityB) {
        CityNode a = graph.find(cityA);
        CityNode b = graph.find(cityB);
        Match match = scorer.evaluate(a, b, true, PairScorer.Requirement.AUTO);
        return new double[]{scorer.scoreOnly(a, b), match == null ? Double.NaN : match.score()};
    }

    // ---------------------------------------------------------------- internals

    private static CityView view(CityNode node) {
        Set<CooperationArea> areas = EnumSet.noneOf(CooperationArea.class);
        for (int bits = node.areaBits; bits != 0; bits &= bits - 1) {
            areas.add(CooperationArea.values()[Integer.numberOfTrailingZeros(bits)]);
        }
        return new CityView(node.id, node.name, node.country, node.region, node.subRegion, node.registered,
                node.retired, Set.copyOf(node.clusters), areas, node.partners.size());
    }

    private List<Ranked> toRanked(TopList list) {
        List<Ranked> ranked = new ArrayList<>(list.size);
        for (int i = 0; i < list.size; i++) {
            ranked.add(new Ranked(graph.at(list.others[i]).id, list.scores[i]));
        }
        return ranked;
    }

    private void partnershipEffects(CityNode a, CityNode b) {
        // Adamic–Adar rises for (a, partners of b) and (b, partners of a), and changes for pairs of
        // partners around a or b (their common partner's degree grew); the load damper of a and b grew.
        Set<Integer> around = new HashSet<>(a.partners);
        around.addAll(b.partners);
        List<Integer> aroundList = new ArrayList<>(around);
        refresh(a, null, aroundList);
        refresh(b, null, aroundList);
        for (int z : aroundList) {
            if (z != a.idx && z != b.idx) {
                refresh(graph.at(z), null, aroundList);
            }
        }
    }

    private void refreshAll(Set<Integer> cities) {
        List<Integer> affected = new ArrayList<>(cities);
        affected.sort(null);
        for (int p : affected) {
            refresh(graph.at(p), null, affected);
        }
    }

    private void refresh(CityNode a, BitSet affectedBits, Collection<Integer> affected) {
        refresh(a, affectedBits, affected, false);
    }

    /**
     * Re-ranks {@code a}, then updates a's entry in the lists of the affected cities and of those listing it.
     *
     * @param onlyAffectedRose a's score can have risen with the cities of {@code affectedBits} only (an
     *                         interest in one area): when none of a's listed scores fell, a is
     *                         re-ranked in the same sweep that offers it to the others
     */
    private void refresh(CityNode a, BitSet affectedBits, Collection<Integer> affected, boolean onlyAffectedRose) {
        if (bulk) {
            return;
        }
        Set<Integer> dirty = new LinkedHashSet<>();
        TopList own = onlyAffectedRose && affectedBits != null && a.scorable() && exact.get(a.idx)
                ? rescoredIfNoneFell(a) : null;
        if (own == null) {
            recompute(a.idx);
        }
        // Many cities to offer a to: only those whose bound with a reaches their threshold get past
        // the bit sets. The cities already listing a are not skipped: heldBy below visits each of them.
        // An unscorable a enters no list, so only its current entries (heldBy) need an update.
        if (affectedBits != null && a.scorable()) {
            TopSearch.bounds(graph, scorer, settings, a, scratch.get())
                    .forEachReaching(affectedBits, thresholds, own, settings.minScore(), (b, intoTheirs, intoOwn) -> {
                        if (intoTheirs) {
                            updateEntry(b, a, dirty);
                        }
                        if (intoOwn) {
                            offerTo(own, a, b);
                        }
                    });
        }
        if (own != null) {
            // Every other city's score with a did not rise and was below a's old N-th, which only rose.
            install(a.idx, own);
        }
        if (affected != null) {
            for (int b : affected) {
                updateEntry(b, a, dirty);
            }
        }
        for (int b : new ArrayList<>(heldBy(a.idx))) {
            updateEntry(b, a, dirty);
        }
        for (int b : dirty) {
            recompute(b);
        }
    }

    private void updateEntry(int b, CityNode a, Set<Integer> dirty) {
        if (b == a.idx) {
            return;
        }
        CityNode nb = graph.at(b);
        TopList list = lists.get(b);
        int pos = list.indexOf(a.idx);
        if (pos >= 0) {
            double score = scorer.scoreOnly(nb, a);
            if (!(score >= settings.minScore()) || score < list.scores[pos]) {
                dirty.add(b); // a fell: b's next-best candidate is unknown, re-rank b
                return;
            }
            list.raise(pos, score);
            noteThreshold(b);
            touch(a.idx, b);
            return;
        }
        if (!nb.scorable() || dirty.contains(b)) {
            return;
        }
        double threshold = list.threshold(settings.minScore());
        if (scorer.interestPart(nb, a) + scorer.otherBound(nb, a) < threshold - EPS) {
            return;
        }
        double score = scorer.scoreOnly(nb, a);
        if (!(score >= settings.minScore())) {
            return;
        }
        int evicted = list.offer(a.idx, score);
        if (evicted == -2) {
            return;
        }
        heldBy(a.idx).add(b);
        noteThreshold(b);
        touch(a.idx, b);
        if (evicted >= 0) {
            heldBy(evicted).remove(b);
            touch(b, evicted);
        }
    }

    /**
     * a's (exact) list with every entry rescored, or null if a score fell (its successor is then unknown).
     */
    private TopList rescoredIfNoneFell(CityNode a) {
        TopList old = lists.get(a.idx);
        TopList fresh = new TopList(settings.topN(), graph.nodes);
        for (int k = 0; k < old.size; k++) {
            double score = scorer.scoreOnly(a, graph.at(old.others[k]));
            if (!(score >= old.scores[k])) {
                return null;
            }
            fresh.offer(old.others[k], score);
        }
        return fresh;
    }

    private void offerTo(TopList own, CityNode a, int b) {
        if (b == a.idx || own.indexOf(b) >= 0) {
            return;
        }
        double score = scorer.scoreOnly(a, graph.at(b));
        if (score >= settings.minScore()) {
            own.offer(b, score);
        }
    }

    private void recompute(int x) {
        install(x, computeTop(graph.at(x), lists.get(x).partners()));
        exact.set(x);
    }

    /** Makes {@code fresh} x's list, keeping heldBy, the thresholds and the changed pairs in step. */
    private void install(int x, TopList fresh) {
        TopList old = lists.get(x);
        for (int k = 0; k < old.size; k++) {
            heldBy(old.others[k]).remove(x);
            touch(x, old.others[k]);
        }
        for (int k = 0; k < fresh.size; k++) {
            heldBy(fresh.others[k]).add(x);
            touch(x, fresh.others[k]);
        }
        lists.set(x, fresh);
        noteThreshold(x);
    }

    private void noteThreshold(int x) {
        thresholds[x] = lists.get(x).threshold(settings.minScore());
    }

    /** For tests: whether the threshold array agrees with every list. */
    boolean thresholdsAgree() {
        for (int x = 0; x < lists.size(); x++) {
            if (Double.compare(thresholds[x], lists.get(x).threshold(settings.minScore())) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The top N of one city (see {@link TopSearch}); {@code hint}: cities worth scoring first, or null. */
    TopList computeTop(CityNode a, int[] hint) {
        return TopSearch.top(graph, scorer, settings, a, hint, scratch.get());
    }

    private void touch(int x, int y) {
        if (x == y) {
            return;
        }
        touched.add(CityGraph.pairKey(x, y));
    }

    private Set<Integer> heldBy(int idx) {
        Set<Integer> set = heldBy.get(idx);
        if (set == null) {
            set = new HashSet<>(4);
            heldBy.set(idx, set);
        }
        return set;
    }

    private void ensureLists() {
        ensureLists(false);
    }

    private void ensureLists(boolean resize) {
        if (resize) {
            for (int i = 0; i < lists.size(); i++) {
                if (lists.get(i).others.length != settings.topN()) {
                    TopList old = lists.get(i);
                    TopList replaced = new TopList(settings.topN(), graph.nodes);
                    for (int k = 0; k < old.size && k < settings.topN(); k++) {
                        replaced.offer(old.others[k], old.scores[k]);
                    }
                    lists.set(i, replaced);
                }
            }
        }
        while (lists.size() < graph.size()) {
            lists.add(new TopList(settings.topN(), graph.nodes));
            heldBy.add(null);
        }
        if (thresholds.length < lists.size()) {
            thresholds = Arrays.copyOf(thresholds, Math.max(lists.size(), thresholds.length * 2));
        }
        for (int i = resize ? 0 : firstUnnoted; i < lists.size(); i++) {
            noteThreshold(i);
        }
        firstUnnoted = lists.size();
    }
}
