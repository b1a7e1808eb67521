package org.citybridge.kit.imports;

import java.time.Duration;

/**
 * How many rows an import's next chunk gets: a fixed number, or, with a time budget, as many as the last
 * chunk's rate fits in it. A step changes the size by at most a factor of two up and four down, so one
 * chunk slowed by something else (a pause, a wait for a lock) does not swing the next one far.
 */
final class ChunkSizes {

    private final int mostRows;
    private final long budgetNanos; // 0: fixed size
    private final boolean atomic;
    private int next;

    private ChunkSizes(int firstRows, int mostRows, Duration budget, boolean atomic) {
        this.next = firstRows;
        this.mostRows = mostRows;
        this.budgetNanos = budget == null ? 0 : budget.toNanos();
        this.atomic = atomic;
    }

    /** The pace's sizes: fixed, or by its time budget. */
    static ChunkSizes of(Importer.Pace pace) {
        return new ChunkSizes(pace.firstRows(), pace.rowsPerChunk(), pace.budget(), false);
    }

    /** An atomic import's one chunk of every row. */
    static ChunkSizes whole() {
        return new ChunkSizes(Integer.MAX_VALUE, Integer.MAX_VALUE, null, true);
    }

    boolean atomic() {
        return atomic;
    }

    int next() {
        return next;
    }

    /** A chunk of {@code rows} took {@code nanos} (negative: unknown): the next one's size follows from that rate. */
    void took(int rows, long nanos) {
        if (budgetNanos == 0 || rows < 1 || nanos < 0) {
            return;
        }
        double fitting = nanos <= 0 ? Double.MAX_VALUE : (double) rows * budgetNanos / nanos;
        double bounded = Math.max(rows / 4.0, Math.min(rows * 2.0, fitting));
        next = (int) Math.max(1, Math.min(mostRows, Math.floor(bounded)));
    }
}
