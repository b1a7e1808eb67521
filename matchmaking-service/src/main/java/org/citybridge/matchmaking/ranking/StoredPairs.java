package org.citybridge.matchmaking.ranking;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The stored open proposals as {@link MatchEngine#reconcile} compares them, by the engine's city numbers, in
 * primitive arrays grouped by the lower number of each pair: a large world stores over a million open
 * proposals, which boxed keys would hold in hundreds of megabytes.
 */
final class StoredPairs {

    private int size;
    private int[] lows = new int[1024];
    private int[] highs = new int[1024];
    private double[] scores = new double[1024];
    /** Proposals kept open when no longer proposed: accepted by one city, or from a pairing round. */
    private final BitSet kept = new BitSet();
    /** Rows found among the proposed pairs. */
    private final BitSet matched = new BitSet();
    /** The rows of each lower city number: {@code order[start[x]] … order[start[x + 1] - 1]}. */
    private int[] start;

    private int[] order;

    void add(int x, int y, double score, boolean keptUnproposed) {
        if (size == lows.length) {
            lows = Arrays.copyOf(lows, size * 2);
            highs = Arrays.copyOf(highs, size * 2);
            scores = Arrays.copyOf(scores, size * 2);
        }
        lows[size] = Math.min(x, y);
        highs[size] = Math.max(x, y);
        scores[size] = score;
        kept.set(size, keptUnproposed);
        size++;
    }

    /** Groups the rows by lower city number, for {@link #find}; once every row is added. */
    void index(int cities) {
        start = new int[cities + 1];
        for (int i = 0; i < size; i++) {
            start[lows[i] + 1]++;
        }
        for (int x = 0; x < cities; x++) {
            start[x + 1] += start[x];
        }
        order = new int[size];
        int[] next = Arrays.copyOf(start, cities);
        for (int i = 0; i < size; i++) {
            order[next[lows[i]]++] = i;
        }
    }

    /**
     * Marks the stored proposal of the pair found (true) when it has this score; false when none of its stored
     * proposals has it (or none is stored).
     */
    boolean match(int x, int y, double score) {
        int low = Math.min(x, y);
        int high = Math.max(x, y);
        for (int k = start[low]; k < start[low + 1]; k++) {
            int row = order[k];
            if (highs[row] == high && scores[row] == score) {
                matched.set(row);
                return true;
            }
        }
        return false;
    }

    /** Calls back each pair stored but not matched, unless it is kept open when no longer proposed. */
    void forEachUnmatched(PairVisitor visitor) {
        for (int row = matched.nextClearBit(0); row < size; row = matched.nextClearBit(row + 1)) {
            if (!kept.get(row)) {
                visitor.visit(lows[row], highs[row]);
            }
        }
    }

    @FunctionalInterface
    interface PairVisitor {
        void visit(int x, int y);
    }
}
