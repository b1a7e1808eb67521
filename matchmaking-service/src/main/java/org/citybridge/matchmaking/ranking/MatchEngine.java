package org.citybridge.matchmaking.ranking;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.matchmaking.scoring.CityFacts;
import org.citybridge.matchmaking.scoring.CityGraph;
import org.citybridge.matchmaking.scoring.CityNode;
import org.citybridge.matchmaking.scoring.CityView;
import org.citybridge.matchmaking.scoring.DevelopingEconomies;
import org.citybridge.matchmaking.scoring.Features;
import org.citybridge.matchmaking.scoring.InterestFacts;
import org.citybridge.matchmaking.scoring.Match;
import org.citybridge.matchmaking.scoring.MatchSettings;
import org.citybridge.matchmaking.scoring.PairScorer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    /** Batches of partnerships up to this size are followed one by one; larger ones re-rank every city once. */
    static final int FOLLOWED_ONE_BY_ONE = 32;

    private static final TopList EMPTY = new TopList(1, List.of());

    private final CityGraph graph;
    private MatchSettings settings;
    private PairScorer scorer;
    private final List<TopList> lists = new ArrayList<>();
    /** Per city, the cities whose list holds it. */
    private final List<IntSet> heldBy = new ArrayList<>();
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
    /** With an exposure cap: each city's proposals, derived from its audience (null until derived). */
    private final List<TopList> proposals = new ArrayList<>();
    /** Cities whose proposals must be derived again. */
    private final BitSet underived = new BitSet();
    /** Cities waiting to be re-ranked after a change of settings ({@link #beginReranking}). */
    private final BitSet pendingReranking = new BitSet();

    private Set<Long> touched = new LinkedHashSet<>();
    /** The pairs whose stored proposal {@link #reconcile} found differing, sorted; handed out from {@code unsyncedAt}. */
    private long[] unsynced = new long[0];

    private int unsyncedAt;
    /** While {@link #applyTogether} runs, the re-rankings its changes asked for, per city; otherwise null. */
    private Map<Integer, Deferred> deferred;

    private final ThreadLocal<TopSearch.Scratch> scratch = ThreadLocal.withInitial(TopSearch.Scratch::new);
    private boolean bulk;

    public MatchEngine(MatchSettings settings, DevelopingEconomies developing) {
        this.graph = new CityGraph(developing);
        this.settings = settings;
        this.scorer = new PairScorer(graph, settings);
    }

    /** The scoring graph, for work that scores without ranking (fitting weights on an engine loaded for it). */
    public CityGraph graph() {
        return graph;
    }

    public MatchSettings settings() {
        return settings;
    }

    /** Replaces the settings (e.g. new weights) and re-ranks every city. */
    public void reconfigure(MatchSettings newSettings) {
        carryProposalsInto(newSettings);
        this.settings = newSettings;
        this.scorer = new PairScorer(graph, newSettings);
        rescoreAll();
    }

    /**
     * When the exposure cap changes, what a city is proposed changes by rule: every pair proposed so far
     * or held in a list is recorded as changed (draining says which are still proposed), and proposals
     * under a cap are derived afresh.
     */
    private void carryProposalsInto(MatchSettings newSettings) {
        if (settings.exposureCap() == newSettings.exposureCap()) {
            return;
        }
        derive();
        for (int x = 0; x < lists.size(); x++) {
            TopList proposed = proposalsOf(x);
            for (int k = 0; k < proposed.size; k++) {
                touched.add(CityGraph.pairKey(x, proposed.others[k]));
            }
            TopList list = lists.get(x);
            for (int k = 0; k < list.size; k++) {
                touched.add(CityGraph.pairKey(x, list.others[k]));
            }
            proposals.set(x, null);
        }
        if (newSettings.exposureCap() > 0) {
            underived.set(0, lists.size());
        }
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

    /**
     * Runs the changes of {@code changes} as one: each updates the graph at once, but the re-ranking it asks
     * for waits until all are made, and a city asked for several times is re-ranked once for all of them. A
     * poll of a backlog holds a city's registration and its interests one after another; followed one by
     * one, each of them re-ranked the city and offered it again to every city sharing the area. Lists exact
     * before are exact again when this returns; inside, every read of the lists ({@link #ranking},
     * {@link #topMatches}, ...) may lag the graph, and {@link #drainChanges} is refused.
     */
    public void applyTogether(Runnable changes) {
        if (deferred != null) {
            changes.run(); // already inside: part of the outer call
            return;
        }
        Map<Integer, Deferred> asked = new LinkedHashMap<>();
        deferred = asked;
        try {
            changes.run();
        } finally {
            // after a failure too: the lists then match the graph as far as it changed, whatever comes next
            deferred = null;
            asked.forEach((idx, d) -> refresh(graph.at(idx), d.bits, d.affected, d.onlyAffectedRose));
        }
    }

    /**
     * Whether these facts would change nothing the engine holds: the city's profile as it stands and no
     * partner it does not have already (a profile restated because its partner list caught up).
     */
    public boolean restates(CityFacts facts) {
        return graph.restates(facts);
    }

    /** {@link CityGraph#knowsPartners}: safe without the engine lock. */
    public boolean knowsPartners(UUID cityId, Collection<UUID> partnerIds) {
        return graph.knowsPartners(cityId, partnerIds);
    }

    public void upsertCity(CityFacts facts) {
        if (graph.restates(facts)) {
            return; // no score, reason or list can change: re-offering the city to every other would be waste
        }
        List<CityNode> newPartners = graph.upsertCity(facts);
        CityNode node = graph.find(facts.cityId());
        ensureLists();
        refresh(node, graph.areaNeighbourhood(node), null, false);
        for (CityNode partner : newPartners) {
            partnershipEffects(node, partner);
        }
    }

    public void retireCity(UUID cityId) {
        CityNode node = graph.retire(cityId);
        ensureLists();
        refresh(node, null, null);
    }

    public void expressInterest(UUID cityId, InterestFacts interest) {
        BitSet rising = graph.expressInterest(cityId, interest);
        ensureLists();
        refresh(graph.find(cityId), rising, null, true);
    }

    public void withdrawInterest(UUID cityId, UUID interestId) {
        BitSet matching = graph.withdrawInterest(cityId, interestId);
        if (matching != null) {
            ensureLists();
            refresh(graph.find(cityId), matching, null, true);
        }
    }

    public void nameCluster(UUID clusterId, String name) {
        graph.nameCluster(clusterId, name);
    }

    public void joinCluster(UUID clusterId, UUID cityId) {
        List<Integer> members = graph.joinCluster(clusterId, cityId);
        if (members != null) {
            ensureLists();
            refresh(graph.find(cityId), null, members);
        }
    }

    public void leaveCluster(UUID clusterId, UUID cityId) {
        List<Integer> members = graph.leaveCluster(clusterId, cityId);
        if (members != null) {
            ensureLists();
            refresh(graph.find(cityId), null, members);
        }
    }

    /** An exchange took place with these participants (a restatement replaces the participants). */
    public void exchangeHeld(UUID exchangeId, String title, LocalDate date, Collection<UUID> participants) {
        Set<Integer> all = graph.exchangeHeld(exchangeId, title, date, participants);
        ensureLists();
        refreshAll(all);
    }

    public void exchangeCancelled(UUID exchangeId) {
        Set<Integer> all = graph.exchangeCancelled(exchangeId);
        if (all != null) {
            ensureLists();
            refreshAll(all);
        }
    }

    public void surveyAnswered(UUID exchangeId, UUID cityId, boolean wantsPartnership) {
        List<Integer> participants = graph.surveyAnswered(exchangeId, cityId, wantsPartnership);
        if (participants != null) {
            ensureLists();
            refresh(graph.find(cityId), null, participants);
        }
    }

    /** Two cities became partners: the pair is excluded from now on, and network and load change around them. */
    public void partnershipFormed(UUID cityA, UUID cityB) {
        CityNode a = graph.node(cityA);
        CityNode b = graph.node(cityB);
        if (graph.partnershipFormed(a, b)) {
            ensureLists();
            partnershipEffects(a, b);
        }
    }

    /**
     * A batch of partnerships from history (an import). Each partnership changes the network, load and
     * activity of its two cities, which can move them in or out of any city's list: followed one by one, a
     * file of 20,000 would re-score the world 20,000 times. Past a few, the graph learns them all and every
     * city waits to be re-ranked once, by {@link #rerankSome} a chunk at a time (events applied meanwhile see
     * the new graph already). A batch may come in chunks, e.g. an import's transactions: the whole batch's
     * size decides, so that a small first chunk of a large file is not followed one by one; and while cities
     * wait to be re-ranked anyway, a batch is learned at once (following it would re-rank them under the
     * lock now, and again in their turn).
     *
     * @param batchSize the partnerships the whole batch these pairs are part of is expected to form
     * @return the cities waiting to be re-ranked
     */
    public int partnershipsFormed(List<UUID[]> pairs, int batchSize) {
        if (Math.max(pairs.size(), batchSize) <= FOLLOWED_ONE_BY_ONE && pendingReranking.isEmpty()) {
            pairs.forEach(pair -> partnershipFormed(pair[0], pair[1]));
            return pendingReranking.cardinality();
        }
        boolean changed = false;
        for (UUID[] pair : pairs) {
            changed |= graph.partnershipFormed(graph.node(pair[0]), graph.node(pair[1]));
        }
        if (changed && !bulk) {
            ensureLists();
            exact.clear();
            pendingReranking.set(0, graph.size());
            if (settings.exposureCap() > 0) {
                underived.set(0, graph.size());
            }
        }
        return pendingReranking.cardinality();
    }

    /** How many cities still wait to be re-ranked (after {@link #beginReranking} or a batch of partnerships). */
    public int waitingForReranking() {
        return pendingReranking.cardinality();
    }

    /** A proposal of this kind was declined: the pair is never proposed again for that kind. */
    public void declined(UUID cityA, UUID cityB, ProposalKind kind, CooperationArea area) {
        if (graph.declined(cityA, cityB, kind, area)) {
            ensureLists();
            refresh(graph.node(cityA), null, List.of(graph.node(cityB).index()));
        }
    }

    /** Re-ranks every city from scratch (weights changed); returns the number of cities ranked. */
    public int rescoreAll() {
        ensureLists(true);
        int n = graph.size();
        TopList[] fresh = new TopList[n];
        IntStream.range(0, n).parallel().forEach(i -> fresh[i] = computeTop(graph.at(i), null));
        for (int i = 0; i < n; i++) {
            touchChanges(i, lists.get(i), fresh[i]);
            lists.set(i, fresh[i]);
            noteThreshold(i);
            exact.set(i);
            heldBy.set(i, null);
        }
        pendingReranking.clear();
        for (int i = 0; i < n; i++) {
            TopList list = lists.get(i);
            for (int k = 0; k < list.size; k++) {
                heldBy(list.others[k]).add(i);
            }
        }
        if (settings.exposureCap() > 0) {
            underived.set(0, n);
        }
        return n;
    }

    /**
     * Switches to new settings (e.g. an activated model) without re-ranking now: every city is re-ranked
     * by later calls of {@link #rerankSome}, a chunk at a time, so events can be applied in between (with
     * the new settings already). Lists not re-ranked yet are inexact until their turn; once none is left,
     * every list is exactly its top N again.
     *
     * @return the cities to re-rank
     */
    public int beginReranking(MatchSettings newSettings) {
        carryProposalsInto(newSettings);
        this.settings = newSettings;
        this.scorer = new PairScorer(graph, newSettings);
        ensureLists(true);
        exact.clear();
        pendingReranking.set(0, graph.size());
        if (newSettings.exposureCap() > 0) {
            underived.set(0, graph.size());
        }
        return graph.size();
    }

    /**
     * Re-ranks up to {@code max} of the cities waiting since {@link #beginReranking}; only pairs whose
     * listing or score changed are recorded for {@link #drainChanges()}.
     *
     * @return how many still wait
     */
    public int rerankSome(int max) {
        int[] chunk = pendingReranking.stream().limit(max).toArray();
        // the searches only read the graph and the lists, so they run on every core; installing is sequential
        TopList[] found = new TopList[chunk.length];
        IntStream.range(0, chunk.length)
                .parallel()
                .forEach(i -> found[i] =
                        computeTop(graph.at(chunk[i]), lists.get(chunk[i]).partners()));
        for (int i = 0; i < chunk.length; i++) {
            int x = chunk[i];
            TopList fresh = found[i];
            TopList old = lists.get(x);
            for (int k = 0; k < old.size; k++) {
                heldBy(old.others[k]).remove(x);
            }
            for (int k = 0; k < fresh.size; k++) {
                heldBy(fresh.others[k]).add(x);
            }
            touchChanges(x, old, fresh);
            lists.set(x, fresh);
            noteThreshold(x);
            exact.set(x);
            pendingReranking.clear(x);
        }
        return pendingReranking.cardinality();
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
        for (CityNode[] side : new CityNode[][] {{a, b}, {b, a}}) {
            TopList list = lists.get(side[0].index());
            if (list.indexOf(side[1].index()) < 0) {
                int evicted = list.offer(side[1].index(), score);
                if (evicted != -2) {
                    heldBy(side[1].index()).add(side[0].index());
                    noteThreshold(side[0].index());
                    exact.clear(side[0].index());
                }
                if (evicted >= 0) {
                    heldBy(evicted).remove(side[0].index());
                }
            }
        }
    }

    /**
     * A stored open proposal, as {@link #reconcile} compares it: its two cities, its score, and whether it stays
     * open when no longer proposed (accepted by one city, or made by a pairing round).
     */
    public record StoredProposal(UUID cityA, UUID cityB, double score, boolean keptUnproposed) {}

    /**
     * Right after ranking every city from scratch (at start, or when rebuilt after a failed write): finds the
     * pairs whose stored open proposal is not what this ranking proposes (stored but proposed by neither city,
     * unless kept open unproposed; proposed but not stored; stored at another score), and only those, for
     * {@link #drainUnsynced}. Lists waiting for a re-ranking when the last engine stopped (an import's, an
     * activated model's) left proposals that nothing would change otherwise; on a clean start none differs.
     * Reads the stored proposals once, as they stream in.
     *
     * @return how many pairs differ
     */
    public int reconcile(Iterator<StoredProposal> stored) {
        derive();
        touched = new LinkedHashSet<>(); // ranked against no lists, every listed pair was recorded: not a change
        StoredPairs pairs = new StoredPairs();
        while (stored.hasNext()) {
            StoredProposal proposal = stored.next();
            CityNode a = graph.find(proposal.cityA());
            CityNode b = graph.find(proposal.cityB());
            if (a != null && b != null) { // a city never known here has no ranking to compare with
                pairs.add(a.index(), b.index(), proposal.score(), proposal.keptUnproposed());
            }
        }
        pairs.index(graph.size());
        LongList differing = new LongList();
        for (int x = 0; x < lists.size(); x++) {
            TopList mine = proposalsOf(x);
            for (int k = 0; k < mine.size; k++) {
                if (!pairs.match(x, mine.others[k], mine.scores[k])) {
                    differing.add(CityGraph.pairKey(x, mine.others[k]));
                }
            }
        }
        pairs.forEachUnmatched((x, y) -> differing.add(CityGraph.pairKey(x, y)));
        unsynced = differing.distinct();
        unsyncedAt = 0;
        return unsynced.length;
    }

    /** How many pairs {@link #reconcile} found that {@link #drainUnsynced} has not handed out yet. */
    public int unsynced() {
        return unsynced.length - unsyncedAt;
    }

    /**
     * Up to {@code max} of the pairs {@link #reconcile} found, with their current match as {@link #drainChanges}
     * gives it (null: proposed by neither city), for the stored proposals to follow, a chunk at a time.
     */
    public List<PairChange> drainUnsynced(int max) {
        derive();
        int end = (int) Math.min(unsynced.length, (long) unsyncedAt + max);
        List<PairChange> changes = new ArrayList<>(end - unsyncedAt);
        for (; unsyncedAt < end; unsyncedAt++) {
            changes.add(changeOf(unsynced[unsyncedAt]));
        }
        return changes;
    }

    /** A growable array of pair keys. */
    private static final class LongList {
        private long[] values = new long[256];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        /** The keys, sorted, each once (a pair proposed by both its cities is visited twice). */
        long[] distinct() {
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int n = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    sorted[n++] = sorted[i];
                }
            }
            return Arrays.copyOf(sorted, n);
        }
    }

    // ---------------------------------------------------------------- queries

    /** The pairs whose ranking changed since the last call, with their current match (reasons included). */
    public List<PairChange> drainChanges() {
        if (deferred != null) {
            throw new IllegalStateException("changes drained before the re-rankings deferred by applyTogether");
        }
        derive();
        List<PairChange> changes = new ArrayList<>(touched.size());
        for (long key : touched) {
            changes.add(changeOf(key));
        }
        touched = new LinkedHashSet<>(); // not clear(): that walks the whole table, grown once by a full re-score
        changes.sort(Comparator.comparing(PairChange::cityA).thenComparing(PairChange::cityB));
        return changes;
    }

    /** The pair (a key of two city numbers) with its current match, or null if neither city proposes the other. */
    private PairChange changeOf(long key) {
        int x = (int) (key >>> 32);
        int y = (int) key;
        CityNode a = graph.at(x);
        CityNode b = graph.at(y);
        boolean listed = proposalsOf(x).indexOf(y) >= 0 || proposalsOf(y).indexOf(x) >= 0;
        Match current = listed ? scorer.evaluate(a, b, true, PairScorer.Requirement.AUTO) : null;
        UUID low = a.id().compareTo(b.id()) < 0 ? a.id() : b.id();
        return new PairChange(low, low.equals(a.id()) ? b.id() : a.id(), current);
    }

    /** The city's current proposals, best first: its top list, or with an exposure cap those derived. */
    public List<Ranked> ranking(UUID cityId) {
        CityNode node = graph.find(cityId);
        if (node == null || node.index() >= lists.size()) {
            return List.of();
        }
        derive();
        return toRanked(proposalsOf(node.index()));
    }

    /**
     * The list the engine maintains for the city: its top N, or with an exposure cap its audience (its best
     * {@code exposureCap}), from which proposals are derived.
     */
    public List<Ranked> kept(UUID cityId) {
        CityNode node = graph.find(cityId);
        return node == null || node.index() >= lists.size() ? List.of() : toRanked(lists.get(node.index()));
    }

    /**
     * Every proposed pair the city is in, best first (score, then partner id): its own proposals and those
     * of the cities that propose it. This is what its proposals page shows (but for pairs kept open by an
     * acceptance).
     */
    public List<Ranked> proposedWith(UUID cityId) {
        CityNode node = graph.find(cityId);
        if (node == null || node.index() >= lists.size()) {
            return List.of();
        }
        derive();
        int x = node.index();
        TopList own = proposalsOf(x);
        // who may propose x: without a cap, the cities listing x; with one, only cities in x's own list
        // (a city's proposals come from the lists that hold it)
        int[] proposers =
                settings.exposureCap() == 0 ? heldBy(x).toArray() : lists.get(x).partners();
        List<Ranked> shown = new ArrayList<>(toRanked(own));
        for (int y : proposers) {
            TopList theirs = proposalsOf(y);
            int at = theirs.indexOf(x);
            if (at >= 0 && own.indexOf(y) < 0) {
                shown.add(new Ranked(graph.at(y).id(), theirs.scores[at]));
            }
        }
        shown.sort(Ranked.BEST_FIRST);
        return shown;
    }

    /**
     * The city's current top list as matches with reasons. Inside {@link #applyTogether} the list may lag
     * the graph: a pair it names that no longer matches is null.
     */
    public List<Match> topMatches(UUID cityId) {
        CityNode node = graph.find(cityId);
        List<Match> matches = new ArrayList<>();
        for (Ranked ranked : ranking(cityId)) {
            matches.add(scorer.evaluate(node, graph.find(ranked.partner()), true, PairScorer.Requirement.AUTO));
        }
        return matches;
    }

    /**
     * Ranks the city afresh through the indexes (does not change the stored ranking): its top N, or with an
     * exposure cap its audience (top {@code exposureCap}).
     */
    public List<Ranked> rankIndexed(UUID cityId) {
        CityNode node = graph.find(cityId);
        return node == null ? List.of() : toRanked(computeTop(node, null));
    }

    /** Ranks the city afresh as {@link #rankIndexed} does, and says how much of the world its search swept. */
    public SearchCounts searchCounts(UUID cityId) {
        CityNode node = graph.find(cityId);
        if (node == null) {
            return new SearchCounts(0, 0, 0, 0, 0);
        }
        computeTop(node, null);
        TopSearch.Scratch s = scratch.get();
        return new SearchCounts(s.words, s.wordsVisited, s.pastCounters, s.pastSums, s.scored);
    }

    /** Receives the scores of a scan. */
    @FunctionalInterface
    public interface ScoreSink {
        void accept(UUID other, double score);
    }

    /**
     * Scores the city against every other city, in city order: what a brute-force ranking scans (NaN
     * where a hard constraint excludes the pair or it has no interest feature).
     */
    public void scoreAgainstAll(UUID cityId, ScoreSink sink) {
        CityNode a = graph.find(cityId);
        if (a == null) {
            return;
        }
        for (CityNode b : graph.nodes()) {
            sink.accept(b.id(), scorer.scoreOnly(a, b));
        }
    }

    /** The score the ranking uses for a pair: NaN where a hard constraint excludes it or it has no interest feature. */
    public double score(UUID cityA, UUID cityB) {
        CityNode a = graph.find(cityA);
        CityNode b = graph.find(cityB);
        return a == null || b == null ? Double.NaN : scorer.scoreOnly(a, b);
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
    public Optional<Match> matchFor(
            UUID cityA, UUID cityB, ProposalKind kind, CooperationArea area, boolean withReasons) {
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
                Match match = rows[i] == null || columns[j] == null
                        ? null
                        : scorer.evaluate(rows[i], columns[j], false, requirement);
                scores[i][j] = match == null ? Double.NaN : match.score();
            }
        });
        return scores;
    }

    public boolean isListed(UUID cityA, UUID cityB) {
        CityNode a = graph.find(cityA);
        CityNode b = graph.find(cityB);
        if (a == null || b == null || a.index() >= lists.size() || b.index() >= lists.size()) {
            return false;
        }
        derive();
        return proposalsOf(a.index()).indexOf(b.index()) >= 0
                || proposalsOf(b.index()).indexOf(a.index()) >= 0;
    }

    public Optional<CityView> city(UUID cityId) {
        CityNode node = graph.find(cityId);
        return node == null ? Optional.empty() : Optional.of(graph.view(node));
    }

    public List<CityView> cities() {
        return graph.nodes().stream().map(graph::view).toList();
    }

    public int size() {
        return graph.size();
    }

    // ---------------------------------------------------------------- internals

    private List<Ranked> toRanked(TopList list) {
        List<Ranked> ranked = new ArrayList<>(list.size);
        for (int i = 0; i < list.size; i++) {
            ranked.add(new Ranked(graph.at(list.others[i]).id(), list.scores[i]));
        }
        return ranked;
    }

    private void partnershipEffects(CityNode a, CityNode b) {
        // Adamic–Adar rises for (a, partners of b) and (b, partners of a), and changes for pairs of
        // partners around a or b (their common partner's degree grew); the load damper of a and b grew,
        // and so did their activity: with an activity weight, their score with any city may have risen.
        Set<Integer> around = new HashSet<>(a.partnerIndexes());
        around.addAll(b.partnerIndexes());
        List<Integer> aroundList = new ArrayList<>(around);
        boolean rising = settings.weights().of(Features.ACTIVITY) > 0;
        // Linked partners: the partnership opens paths of three a – b – y – v and b – a – x – v, so a may now
        // enter the lists of b's partners' partners and b those of a's; the pairs of a's and b's partners are
        // in aroundList, and every other path through a or b only lost weight as their partnerships grew
        boolean linked = settings.weights().of(Features.LINKED_PARTNERS) != 0;
        refresh(a, union(rising ? graph.areaNeighbourhood(a) : null, linked ? withPartners(b) : null), aroundList);
        refresh(b, union(rising ? graph.areaNeighbourhood(b) : null, linked ? withPartners(a) : null), aroundList);
        for (int z : aroundList) {
            if (z != a.index() && z != b.index()) {
                refresh(graph.at(z), null, aroundList);
            }
        }
    }

    /** A city's partners and theirs. */
    private BitSet withPartners(CityNode city) {
        BitSet out = new BitSet(graph.size());
        for (int x : city.partnerIndexes()) {
            out.set(x);
            graph.at(x).partnerIndexes().forEach(out::set);
        }
        return out;
    }

    private static BitSet union(BitSet x, BitSet y) {
        if (x == null || y == null) {
            return x == null ? y : x;
        }
        BitSet out = (BitSet) x.clone();
        out.or(y);
        return out;
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
        if (deferred != null) {
            deferred.computeIfAbsent(a.index(), k -> new Deferred()).add(affectedBits, affected, onlyAffectedRose);
            return;
        }
        Set<Integer> dirty = new LinkedHashSet<>();
        TopList own = onlyAffectedRose && affectedBits != null && a.scorable() && exact.get(a.index())
                ? rescoredIfNoneFell(a)
                : null;
        if (own == null) {
            recompute(a.index());
        }
        // Many cities to offer a to: only those whose bound with a reaches their threshold get past
        // the bit sets. The cities already listing a are not skipped: heldBy below visits each of them.
        // An unscorable a enters no list, so only its current entries (heldBy) need an update.
        if (affectedBits != null && a.scorable()) {
            TopSearch.bounds(scorer, a, scratch.get())
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
            // Every other city's score with a did not rise and was below a's old N-th, which only rose. (In
            // applyTogether a city changed in the same poll may have raised its own: its refresh offers it.)
            install(a.index(), own);
        }
        if (affected != null) {
            for (int b : affected) {
                updateEntry(b, a, dirty);
            }
        }
        for (int b : heldBy(a.index()).toArray()) {
            updateEntry(b, a, dirty);
        }
        for (int b : dirty) {
            recompute(b);
        }
    }

    /**
     * The re-ranking of one city that {@link #applyTogether} defers: the union of what each change asked for.
     * Done once with the graph as the last change left it, it finds what the calls one by one would: the
     * cities each change named, the union here, are offered the city at its final scores; a listed score
     * that fell, by any of the changes, re-ranks the list holding it; and the city's own list is only
     * rescored in place if every change only raised its scores with the cities named. A score with a city
     * that changed in the same poll may have risen by that city's change: that city's own refresh, before
     * or after this one, offers it at its final score.
     */
    private static final class Deferred {
        BitSet bits;
        Set<Integer> affected;
        boolean onlyAffectedRose = true;

        void add(BitSet moreBits, Collection<Integer> moreAffected, boolean rose) {
            if (moreBits != null) {
                if (bits == null) {
                    bits = (BitSet) moreBits.clone(); // or() below must not write into the caller's set
                } else {
                    bits.or(moreBits);
                }
            }
            if (moreAffected != null) {
                if (affected == null) {
                    affected = new LinkedHashSet<>();
                }
                affected.addAll(moreAffected);
            }
            onlyAffectedRose &= rose;
        }
    }

    private void updateEntry(int b, CityNode a, Set<Integer> dirty) {
        if (b == a.index()) {
            return;
        }
        CityNode nb = graph.at(b);
        TopList list = lists.get(b);
        int pos = list.indexOf(a.index());
        if (pos >= 0) {
            double score = scorer.scoreOnly(nb, a);
            if (!(score >= settings.minScore()) || score < list.scores[pos]) {
                dirty.add(b); // a fell: b's next-best candidate is unknown, re-rank b
                return;
            }
            list.raise(pos, score);
            noteThreshold(b);
            touch(a.index(), b);
            return;
        }
        if (!nb.scorable() || dirty.contains(b)) {
            return;
        }
        double threshold = list.threshold(settings.minScore());
        if (scorer.upperBound(nb, a) < threshold - EPS) {
            return;
        }
        double score = scorer.scoreOnly(nb, a);
        if (!(score >= settings.minScore())) {
            return;
        }
        int evicted = list.offer(a.index(), score);
        if (evicted == -2) {
            return;
        }
        heldBy(a.index()).add(b);
        noteThreshold(b);
        touch(a.index(), b);
        if (evicted >= 0) {
            heldBy(evicted).remove(b);
            touch(b, evicted);
        }
    }

    /**
     * a's (exact) list with every entry rescored, or null if a score fell (its successor is then unknown).
     */
    private TopList rescoredIfNoneFell(CityNode a) {
        TopList old = lists.get(a.index());
        TopList fresh = new TopList(settings.listSize(), graph.nodes());
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
        if (b == a.index() || own.indexOf(b) >= 0) {
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
        pendingReranking.clear(x);
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

    /** Records the pairs whose listing or score differs between x's old and new list. */
    private void touchChanges(int x, TopList old, TopList fresh) {
        for (int k = 0; k < old.size; k++) {
            int j = fresh.indexOf(old.others[k]);
            if (j < 0 || fresh.scores[j] != old.scores[k]) {
                touch(x, old.others[k]);
            }
        }
        for (int k = 0; k < fresh.size; k++) {
            if (old.indexOf(fresh.others[k]) < 0) {
                touch(x, fresh.others[k]);
            }
        }
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
        if (settings.exposureCap() > 0) {
            // x's audience or a score of x changed: its proposals (and y's) are derived again, and the
            // derivation records the pairs whose proposal entered, left or changed score (an audience of
            // 50 changes far more often than the top 10 derived from it). A pair proposed before may stay
            // with the same score and still change (its kind, after a decline): recorded here.
            underived.set(x);
            underived.set(y);
            if (proposedBefore(x, y) || proposedBefore(y, x)) {
                touched.add(CityGraph.pairKey(x, y));
            }
        } else {
            touched.add(CityGraph.pairKey(x, y));
        }
    }

    /** Whether y is among x's proposals as last derived (what the service stored). */
    private boolean proposedBefore(int x, int y) {
        TopList derived = x < proposals.size() ? proposals.get(x) : null;
        return derived != null && derived.indexOf(y) >= 0;
    }

    /**
     * With an exposure cap, a city's proposals are the best {@code topN} of the cities whose ranking (its
     * audience of {@code exposureCap}) holds it: derived again for every city whose audience or scores
     * changed, recording the pairs that entered, left or changed score.
     */
    private void derive() {
        for (int x = underived.nextSetBit(0); x >= 0; x = underived.nextSetBit(x + 1)) {
            TopList fresh = fromOwnList(x);
            if (fresh == null) {
                fresh = fromHolders(x);
            }
            TopList old = proposals.get(x);
            if (old != null) {
                for (int k = 0; k < old.size; k++) {
                    int j = fresh.indexOf(old.others[k]);
                    if (j < 0 || fresh.scores[j] != old.scores[k]) {
                        touched.add(CityGraph.pairKey(x, old.others[k]));
                    }
                }
            }
            for (int k = 0; k < fresh.size; k++) {
                if (old == null || old.indexOf(fresh.others[k]) < 0) {
                    touched.add(CityGraph.pairKey(x, fresh.others[k]));
                }
            }
            proposals.set(x, fresh);
        }
        underived.clear();
    }

    /**
     * x's proposals read off its own exact list, or null when that cannot decide them. A city holding x
     * but outside x's list scores below every city in it (x's list is exactly its best), so the first
     * {@code topN} of x's list that hold x are its proposals; if x's list is not full, every city that can
     * hold x is in it. A popular city is held by thousands of lists, and this reads only its own.
     */
    private TopList fromOwnList(int x) {
        TopList own = lists.get(x);
        if (!exact.get(x)) {
            return null;
        }
        TopList fresh = new TopList(settings.topN(), graph.nodes());
        IntSet holders = heldBy(x);
        for (int k = 0; k < own.size && !fresh.full(); k++) {
            if (holders.contains(own.others[k]) && own.scores[k] >= settings.minScore()) {
                fresh.offer(own.others[k], own.scores[k]);
            }
        }
        return fresh.full() || !own.full() ? fresh : null;
    }

    /**
     * x's proposals from every city holding it, at the pair's score as the holder's list keeps it (scores
     * are symmetric): scoring each pair again would cost more than the event itself. While a re-ranking
     * goes on, lists not re-ranked yet keep the former weights' scores, so the pairs are scored again then.
     */
    private TopList fromHolders(int x) {
        TopList fresh = new TopList(settings.topN(), graph.nodes());
        CityNode a = graph.at(x);
        boolean listsCurrent = pendingReranking.isEmpty();
        heldBy(x).forEach(b -> {
            double score;
            if (listsCurrent) {
                TopList holder = lists.get(b);
                int k = holder.indexOf(x);
                score = k >= 0 ? holder.scores[k] : Double.NaN;
            } else {
                score = scorer.scoreOnly(a, graph.at(b));
            }
            if (score >= settings.minScore()) {
                fresh.offer(b, score);
            }
        });
        return fresh;
    }

    /** x's proposals: its own top list, or with an exposure cap the list derived from its audience. */
    private TopList proposalsOf(int x) {
        if (settings.exposureCap() == 0) {
            return lists.get(x);
        }
        TopList derived = proposals.get(x);
        return derived == null ? EMPTY : derived;
    }

    private IntSet heldBy(int idx) {
        IntSet set = heldBy.get(idx);
        if (set == null) {
            set = new IntSet();
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
                if (lists.get(i).others.length != settings.listSize()) {
                    TopList old = lists.get(i);
                    TopList replaced = new TopList(settings.listSize(), graph.nodes());
                    for (int k = 0; k < old.size; k++) {
                        if (k < settings.listSize()) {
                            replaced.offer(old.others[k], old.scores[k]);
                        } else {
                            heldBy(old.others[k]).remove(i); // cut off: i's list no longer holds it
                        }
                    }
                    lists.set(i, replaced);
                    noteThreshold(i);
                }
            }
        }
        while (lists.size() < graph.size()) {
            lists.add(new TopList(settings.listSize(), graph.nodes()));
            heldBy.add(null);
            proposals.add(null);
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
