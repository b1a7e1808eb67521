package org.citybridge.matchmaking.scoring;

import java.util.Arrays;
import java.util.List;

/**
 * A set of city numbers as a growable bit array whose 64-bit words {@link TopSearch} reads
 * directly (a {@link java.util.BitSet} hides them). Not thread-safe: written by the single writer only,
 * read by searches that run while nothing writes (which may build the cache of its members).
 */
public final class IdSet {

    private long[] words = new long[4];
    private int size;
    /**
     * The ids in ascending order, built when a union or a search first needs them and dropped by every
     * change: a small set (a grid cell's cities) joins a union, or a search's counts, at the cost of its
     * members, not of its words.
     * Volatile because concurrent searches may build it.
     */
    private volatile int[] members;

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
            members = null;
        }
    }

    public void remove(int id) {
        int w = id >>> 6;
        if (w < words.length && (words[w] & (1L << id)) != 0) {
            words[w] &= ~(1L << id);
            size--;
            members = null;
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

    /**
     * Its ids in ascending order if it is sparse for a reader of {@code wordCount} words (cheaper walked by its
     * members than by its words), else null.
     */
    public int[] sparseMembers(int wordCount) {
        return size * SPARSE < wordCount ? members() : null;
    }

    /** Adds every id of {@code other}. */
    public void addAll(IdSet other) {
        addAll(List.of(other));
    }

    /** Adds every id of each of {@code others}: sparse ones id by id, dense ones word by word. */
    public void addAll(List<IdSet> others) {
        for (IdSet other : others) {
            if (other.words.length > words.length) {
                words = Arrays.copyOf(words, other.words.length);
            }
            if (other.size * SPARSE < other.words.length) {
                for (int id : other.members()) {
                    words[id >>> 6] |= 1L << id;
                }
            } else {
                long[] theirs = other.words;
                for (int i = 0; i < theirs.length; i++) {
                    words[i] |= theirs[i];
                }
            }
        }
        int count = 0;
        for (long word : words) {
            count += Long.bitCount(word);
        }
        size = count;
        members = null;
    }

    /** Below one id per this many words a set is walked by its members. */
    private static final int SPARSE = 4;

    private int[] members() {
        int[] cached = members;
        if (cached == null) {
            cached = new int[size];
            int k = 0;
            for (int w = 0; w < words.length; w++) {
                for (long bits = words[w]; bits != 0; bits &= bits - 1) {
                    cached[k++] = w << 6 | Long.numberOfTrailingZeros(bits);
                }
            }
            members = cached;
        }
        return cached;
    }

    public void clear() {
        Arrays.fill(words, 0);
        size = 0;
        members = null;
    }
}
