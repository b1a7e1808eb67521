package org.citybridge.matchmaking.ranking;

import org.citybridge.matchmaking.scoring.CityGraph;
import org.citybridge.matchmaking.scoring.CityNode;
import org.citybridge.matchmaking.scoring.IdSet;
import org.citybridge.matchmaking.scoring.MatchSettings;
import org.citybridge.matchmaking.scoring.PairScorer;
import org.citybridge.matchmaking.scoring.SearchLists;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The exact top N of one city without scoring every candidate.
 *
 * <p>Every feature of a pair score says how it is bounded ({@link org.citybridge.matchmaking.scoring.PairFeature}):
 * <ul>
 *   <li>sparse around the city (exchanges attended together, partners of partners): those few
 *       candidates are scored first, together with an optional hint (the previous top list);</li>
 *   <li>indexed: for each of the city's areas, the cities whose stance and intent masks give the same
 *       match class form one list; features add lists of their own (preferred places, clusters, World
 *       Heritage, country pairs, distance, activity, population, developing economies); each list carries
 *       the most its feature can add as its bound;</li>
 *   <li>or small and dense (associations, the asking city's own activity, distance beyond the nearest
 *       cells): a constant residual bound.</li>
 * </ul>
 * A candidate's score is at most the bounds of the lists holding it plus the residual. The lists are
 * bit sets over city numbers, so the search sweeps them 64 cities at a time: it adds the bounds of
 * the 64 cities bit-parallel (bit-sliced counters over bounds rounded up to a small unit), keeps the
 * cities whose sum can still reach the current N-th score, and scores only those. The words are visited
 * best first (by the largest sum among their cities), so the N-th score rises early, fewer and fewer
 * cities pass, and the sweep stops at the first word whose best cannot reach it. The result is exactly
 * the brute-force top N (asserted by tests and the benchmark).
 */
final class TopSearch {

    private static final double EPS = 1e-9;
    /** Rounding unit: the largest possible sum of bounds maps to about this many units. */
    private static final int UNITS = 256;

    private TopSearch() {}

    /** Per-thread work space, reused across searches; collects a city's search lists. */
    static final class Scratch implements SearchLists {
        int generation;
        private int count;
        private int nextGroup;
        private int pooled;
        /** Unions in new sets rather than the pool: for bounds that outlive the next search. */
        private boolean ownUnions;
        /** Candidates ruled out whatever their score, or null. */
        Exclusion excluded;
        /** What the last search swept (see {@link SearchCounts}). */
        int words, wordsVisited, pastCounters, pastSums, scored;

        int[] stamp = new int[0];
        IdSet[] pool = new IdSet[0];
        IdSet[] lists = new IdSet[16];
        double[] bounds = new double[16];
        int[] group = new int[16];
        // per word of the sweep: its bit-sliced counters, its cities in some list, their largest count; and
        // the words in the order visited
        long[] planes = new long[0];
        long[] any = new long[0];
        int[] best = new int[0];
        int[] order = new int[0];

        void ensure(int n) {
            if (stamp.length < n) {
                stamp = Arrays.copyOf(stamp, Math.max(n, stamp.length * 2));
            }
        }

        void ensureWords(int words, int planeCount) {
            if (planes.length < words * planeCount) {
                planes = new long[words * planeCount];
            }
            if (any.length < words) {
                any = new long[words];
                best = new int[words];
                order = new int[words];
            }
        }

        void ensureLists(int n) {
            if (lists.length < n) {
                int size = Math.max(n, lists.length * 2);
                lists = Arrays.copyOf(lists, size);
                bounds = Arrays.copyOf(bounds, size);
                group = Arrays.copyOf(group, size);
            }
        }

        /** Starts collecting the lists of one city; returns their number once {@link PairScorer#searchLists} ran. */
        int collect(PairScorer scorer, CityNode a, boolean ownUnions) {
            this.count = 0;
            this.nextGroup = CityNode.AREAS; // groups below are the areas
            this.pooled = 0;
            this.ownUnions = ownUnions;
            this.excluded = null;
            scorer.searchLists(a, this);
            return count;
        }

        /** One past the largest group used. */
        int groups() {
            return nextGroup;
        }

        @Override
        public int newGroup() {
            return nextGroup++;
        }

        @Override
        public void add(IdSet list, double bound, int group) {
            if (bound <= 0 || list.isEmpty()) {
                return;
            }
            ensureLists(count + 1);
            lists[count] = list;
            bounds[count] = bound;
            this.group[count] = group;
            count++;
        }

        @Override
        public void exclude(IdSet cities, IdSet unless) {
            excluded = new Exclusion(cities, unless, excluded == null ? null : excluded.only());
        }

        @Override
        public void keepOnly(IdSet cities) {
            excluded = excluded == null
                    ? new Exclusion(null, null, cities)
                    : new Exclusion(excluded.cities(), excluded.unless(), cities);
        }

        /** An empty set from the pool (pooled sets hold unions built for one search), or a new one. */
        @Override
        public IdSet union() {
            if (ownUnions) {
                return new IdSet();
            }
            int i = pooled++;
            if (pool.length <= i) {
                int old = pool.length;
                pool = Arrays.copyOf(pool, Math.max(i + 1, old * 2));
                for (int k = old; k < pool.length; k++) {
                    pool[k] = new IdSet();
                }
            }
            pool[i].clear();
            return pool[i];
        }
    }

    /**
     * The candidates hard rules leave out of a search: those of {@code cities} not in {@code unless}, and
     * those not in {@code only}; either part may be null.
     */
    record Exclusion(IdSet cities, IdSet unless, IdSet only) {
        long word(int word) {
            long out = cities == null ? 0 : cities.word(word) & ~unless.word(word);
            return only == null ? out : out | ~only.word(word);
        }
    }

    /**
     * The top N of {@code a}.
     *
     * @param hint cities worth scoring first (e.g. the previous top list), or null: only speeds the search up
     */
    static TopList top(CityGraph graph, PairScorer scorer, MatchSettings settings, CityNode a, int[] hint, Scratch s) {
        TopList result = new TopList(settings.listSize(), graph.nodes());
        int size = graph.size();
        int wordCount = (size + 63) >>> 6;
        s.words = wordCount;
        s.wordsVisited = 0;
        s.pastCounters = 0;
        s.pastSums = 0;
        s.scored = 0;
        if (!a.scorable() || !a.hasInterests() || scorer.pairsWithNobody(a)) {
            return result; // a proposal needs an interest feature, and a pair a hard constraint leaves
        }
        s.ensure(size);
        if (s.generation == Integer.MAX_VALUE) {
            Arrays.fill(s.stamp, 0);
            s.generation = 0;
        }
        int gen = ++s.generation;
        s.stamp[a.index()] = gen;
        double minScore = settings.minScore();

        // 1. The hint, and the candidates whose sparse features the lists do not bound.
        if (hint != null) {
            for (int b : hint) {
                consider(graph, scorer, a, b, result, minScore, s, gen);
            }
        }
        scorer.sparseCandidates(a, b -> consider(graph, scorer, a, b, result, minScore, s, gen));

        // 2. The lists and their bounds; lists of one group exclude each other (e.g. one mask per area).
        int n = s.collect(scorer, a, false);
        int ownGroup = s.groups();
        double residual = scorer.residual(a);
        if (n == 0) {
            return result;
        }

        // 3. Bounds rounded up to whole units, so 64 cities' sums fit bit-sliced counters.
        double[] groupMax = new double[ownGroup];
        for (int i = 0; i < n; i++) {
            groupMax[s.group[i]] = Math.max(groupMax[s.group[i]], s.bounds[i]);
        }
        double maxSum = 0;
        for (double g : groupMax) {
            maxSum += g;
        }
        double unit = maxSum / UNITS;
        int[] units = new int[n];
        int maxUnits = 0;
        int[] groupUnits = new int[ownGroup];
        int[][] unitBits = new int[n][];
        for (int i = 0; i < n; i++) {
            units[i] = roundUpToTwoBits((int) Math.ceil(s.bounds[i] / unit));
            unitBits[i] = setBits(units[i]);
            groupUnits[s.group[i]] = Math.max(groupUnits[s.group[i]], units[i]);
        }
        for (int g : groupUnits) {
            maxUnits += g;
        }
        int planeCount = 32 - Integer.numberOfLeadingZeros(maxUnits);
        IdSet[] lists = s.lists;

        if (unitsNeeded(result, minScore, residual, unit) > maxUnits) {
            return result; // the N-th score so far (the hint and the sparse candidates) is out of every list's reach
        }

        // 4. Every word's counters, and the largest count among its cities.
        s.ensureWords(wordCount, planeCount);
        long[] planes = s.planes;
        long[] anyOf = s.any;
        int[] best = s.best;
        Arrays.fill(planes, 0, wordCount * planeCount, 0);
        Arrays.fill(anyOf, 0, wordCount, 0);
        // list by list: a sparse list (a grid cell's cities) visits only its members' words
        for (int i = 0; i < n; i++) {
            int[] ids = lists[i].sparseMembers(wordCount);
            if (ids == null) {
                for (int word = 0; word < wordCount; word++) {
                    long members = lists[i].word(word);
                    if (members != 0) {
                        count(planes, word * planeCount, planeCount, unitBits[i], members);
                        anyOf[word] |= members;
                    }
                }
                continue;
            }
            for (int j = 0; j < ids.length; ) {
                int word = ids[j] >>> 6;
                long members = 0;
                do {
                    members |= 1L << ids[j++];
                } while (j < ids.length && ids[j] >>> 6 == word);
                count(planes, word * planeCount, planeCount, unitBits[i], members);
                anyOf[word] |= members;
            }
        }
        if (s.excluded != null) { // ruled out whatever their score: neither counted nor visited
            for (int word = 0; word < wordCount; word++) {
                anyOf[word] &= ~s.excluded.word(word);
            }
        }
        int[] perCount = new int[1 << planeCount];
        for (int word = 0; word < wordCount; word++) {
            best[word] = anyOf[word] == 0 ? -1 : highest(planes, word * planeCount, planeCount, anyOf[word]);
            if (best[word] >= 0) {
                perCount[best[word]]++;
            }
        }

        // 5. The words, best first (a counting sort): the N-th score rises with the first words visited,
        // and the sweep stops at the first word none of whose cities can reach it any more.
        int[] order = s.order;
        int[] next = new int[perCount.length];
        int words = 0;
        for (int largest = perCount.length - 1; largest >= 0; largest--) {
            next[largest] = words;
            words += perCount[largest];
        }
        for (int word = 0; word < wordCount; word++) {
            if (best[word] >= 0) {
                order[next[best[word]]++] = word;
            }
        }
        double[] sums = new double[64];
        int visited = 0;
        int pastCounters = 0;
        int pastSums = 0;
        int scored = 0;
        for (; visited < words; visited++) {
            int word = order[visited];
            int needUnits = unitsNeeded(result, minScore, residual, unit);
            if (best[word] < needUnits) {
                break; // neither this word's cities nor any later word's can reach the N-th score
            }
            long pass = anyOf[word] & atLeast(planes, word * planeCount, planeCount, needUnits);
            if (pass == 0) {
                continue;
            }
            pastCounters += Long.bitCount(pass);
            // the exact sums of the passing cities' bounds (the units are rounded up), list by list: each
            // list adds its bound to its passing members only
            for (long m = pass; m != 0; m &= m - 1) {
                sums[Long.numberOfTrailingZeros(m)] = residual;
            }
            for (int i = 0; i < n; i++) {
                long members = lists[i].word(word) & pass;
                double listBound = s.bounds[i];
                for (long m = members; m != 0; m &= m - 1) {
                    sums[Long.numberOfTrailingZeros(m)] += listBound;
                }
            }
            while (pass != 0) {
                int lane = Long.numberOfTrailingZeros(pass);
                int d = (word << 6) + lane;
                pass &= pass - 1;
                if (d < size && s.stamp[d] != gen) {
                    s.stamp[d] = gen;
                    // most cities stop at their exact sum, before their node, scattered over the heap, is read
                    if (sums[lane] < result.threshold(minScore) - EPS) {
                        continue;
                    }
                    pastSums++;
                    CityNode b = graph.at(d);
                    // not a sparse candidate: those were scored (and stamped) before the sweep
                    if (scorer.upperBoundOutsideSparse(a, b) >= result.threshold(minScore) - EPS) {
                        offer(scorer, a, b, result, minScore);
                        scored++;
                    }
                }
            }
        }
        s.wordsVisited = visited;
        s.pastCounters = pastCounters;
        s.pastSums = pastSums;
        s.scored = scored;
        return result;
    }

    /**
     * Upper bounds of one city's score with any other, from the same lists as the search: used when a
     * change to {@code a} must be offered to the lists of many other cities (can a's new score with b
     * enter b's top N?). Cities sharing an exchange or a partner with {@code a} are not bounded by the
     * lists: they always reach. Cities the search excludes reach nowhere. Holds the graph's own sets: use
     * it before the graph changes again.
     */
    static final class Bounds {
        private final IdSet[] lists;
        private final double[] bounds;
        private final double residual;
        private final IdSet sparse = new IdSet();
        private final Exclusion excluded;

        private Bounds(IdSet[] lists, double[] bounds, double residual, Exclusion excluded) {
            this.lists = lists;
            this.bounds = bounds;
            this.residual = residual;
            this.excluded = excluded;
        }

        /** What to do with a city whose bound reaches a threshold. */
        interface Reached {
            /**
             * @param intoTheirs the bound reaches the city's own threshold: a may enter its list
             * @param intoOwn    the bound reaches {@code own}'s threshold: the city may enter a's list
             */
            void accept(int b, boolean intoTheirs, boolean intoOwn);
        }

        /**
         * Calls {@code action}, in city order, for each city of {@code cities} whose bound reaches its
         * own threshold ({@code thresholds[b]}) or, if {@code own} is given, a's ({@code own}'s, which
         * may rise during the walk); the others can enter neither list. Works 64 cities at a time: each
         * list's word is read once and adds its bound only to the member cities.
         */
        void forEachReaching(BitSet cities, double[] thresholds, TopList own, double floor, Reached action) {
            long[] cityWords = cities.toLongArray();
            double[] sums = new double[64];
            for (int word = 0; word < cityWords.length; word++) {
                long members = cityWords[word];
                if (excluded != null) {
                    members &= ~excluded.word(word);
                }
                if (members == 0) {
                    continue;
                }
                for (int i = 0; i < lists.length; i++) {
                    for (long m = lists[i].word(word) & members; m != 0; m &= m - 1) {
                        sums[Long.numberOfTrailingZeros(m)] += bounds[i];
                    }
                }
                long unbounded = sparse.word(word);
                for (long m = members; m != 0; m &= m - 1) {
                    int lane = Long.numberOfTrailingZeros(m);
                    int b = (word << 6) + lane;
                    double sum = residual + sums[lane];
                    sums[lane] = 0;
                    boolean always = (unbounded & 1L << lane) != 0;
                    boolean intoTheirs = always || sum >= thresholds[b] - EPS;
                    boolean intoOwn = own != null && (always || sum >= own.threshold(floor) - EPS);
                    if (intoTheirs || intoOwn) {
                        action.accept(b, intoTheirs, intoOwn);
                    }
                }
            }
        }
    }

    static Bounds bounds(PairScorer scorer, CityNode a, Scratch s) {
        int n = s.collect(scorer, a, true);
        Bounds result =
                new Bounds(Arrays.copyOf(s.lists, n), Arrays.copyOf(s.bounds, n), scorer.residual(a), s.excluded);
        scorer.sparseCandidates(a, result.sparse::add);
        return result;
    }

    /** The smallest number at least {@code c} with at most two bits set (fewer bit-sliced additions). */
    static int roundUpToTwoBits(int c) {
        if (Integer.bitCount(c) <= 2) {
            return c;
        }
        int high = Integer.highestOneBit(c);
        int rest = c - high;
        int second = Integer.highestOneBit(rest);
        int rounded = high + (second << 1);
        return Integer.bitCount(rounded) <= 2 ? rounded : roundUpToTwoBits(rounded);
    }

    private static int[] setBits(int c) {
        int[] bits = new int[Integer.bitCount(c)];
        int k = 0;
        for (int rest = c; rest != 0; rest &= rest - 1) {
            bits[k++] = Integer.numberOfTrailingZeros(rest);
        }
        return bits;
    }

    /**
     * The units a city's rounded-up sum of bounds must reach to enter the list as it stands: the floor of what
     * the N-th score (or the minimum score) asks beyond the residual, so a city that could enter is never dropped.
     */
    private static int unitsNeeded(TopList result, double minScore, double residual, double unit) {
        double need = result.threshold(minScore) - residual - EPS;
        return need <= 0 ? 0 : (int) Math.floor(need / unit);
    }

    /** Adds a list's units (its set bits) to the bit-sliced counters of its members in one word. */
    private static void count(long[] planes, int base, int planeCount, int[] unitBits, long members) {
        for (int bit : unitBits) {
            long carry = members;
            for (int p = bit; carry != 0 && p < planeCount; p++) {
                long both = planes[base + p] & carry;
                planes[base + p] ^= carry;
                carry = both;
            }
        }
    }

    /** The largest bit-sliced counter value among {@code lanes} (planes from {@code base}). */
    private static int highest(long[] planes, int base, int planeCount, long lanes) {
        int value = 0;
        for (int p = planeCount - 1; p >= 0; p--) {
            long with = lanes & planes[base + p];
            if (with != 0) {
                value |= 1 << p;
                lanes = with;
            }
        }
        return value;
    }

    /** Lanes whose bit-sliced counter value (planes from {@code base}) is at least {@code k}. */
    private static long atLeast(long[] planes, int base, int planeCount, int k) {
        if (k <= 0) {
            return -1L;
        }
        long greater = 0;
        long equal = -1L;
        for (int p = planeCount - 1; p >= 0; p--) {
            if ((k >>> p & 1) != 0) {
                equal &= planes[base + p];
            } else {
                greater |= equal & planes[base + p];
                equal &= ~planes[base + p];
            }
        }
        if (k >>> planeCount != 0) {
            return 0;
        }
        return greater | equal;
    }

    private static void consider(
            CityGraph graph,
            PairScorer scorer,
            CityNode a,
            int b,
            TopList result,
            double minScore,
            Scratch s,
            int gen) {
        if (b < 0 || b >= graph.size() || s.stamp[b] == gen) {
            return;
        }
        s.stamp[b] = gen;
        offer(scorer, a, graph.at(b), result, minScore);
    }

    private static void offer(PairScorer scorer, CityNode a, CityNode b, TopList result, double minScore) {
        double score = scorer.scoreOnly(a, b);
        if (score >= minScore) {
            result.offer(b.index(), score);
        }
    }
}
