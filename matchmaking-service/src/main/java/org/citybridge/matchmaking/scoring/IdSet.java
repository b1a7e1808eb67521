package org.citybridge.matchmaking.scoring;

import java.util.Arrays;

/**
 * A set of city numbers as a growable bit array whose 64-bit words {@link TopSearch} reads
 * directly (a {@link java.util.BitSet} hides them). Not thread-safe: written by the single writer only,
 * read by searches that run while nothing writes.
 */
public final class IdSet {

    private long[] words = new long[4];
    private int size;

    public void set(int id, boolean present) {
        if (present) {
            add(id);
        } else {
            remove(id);
        }
    }

    public void add(int id) {
        int w = id >>> 6;
        if (w >= words.length) {
            words = Arrays.copyOf(words, Math.max(w + 1, words.length * 2));
        }
        long bit = 1L << id;
        if ((words[w] & bit) == 0) {
            words[w] |= bit;
            size++;
        }
    }

    public void remove(int id) {
        int w = id >>> 6;
        if (w < words.length && (words[w] & (1L << id)) != 0) {
            words[w] &= ~(1L << id);
            size--;
        }
    }

    public boolean contains(int id) {
        int w = id >>> 6;
        return w < words.length && (words[w] & (1L << id)) != 0;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** The word holding ids {@code 64 * index} to {@code 64 * index + 63}. */
    public long word(int index) {
        return index < words.length ? words[index] : 0;
    }

    /** Adds every id of {@code other}. */
    public void addAll(IdSet other) {
        if (other.words.length > words.length) {
            words = Arrays.copyOf(words, other.words.length);
        }
        int count = 0;
        for (int i = 0; i < words.length; i++) {
            if (i < other.words.length) {
                words[i] |= other.words[i];
            }
            count += Long.bitCount(words[i]);
        }
        size = count;
    }

    public void clear() {
        Arrays.fill(words, 0);
        size = 0;
    }
}
