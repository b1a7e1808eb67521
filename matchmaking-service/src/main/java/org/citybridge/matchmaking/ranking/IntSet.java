package org.citybridge.matchmaking.ranking;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * A set of non-negative ints in one array (open addressing, linear probing): which cities list a city.
 * With an exposure cap every city is listed by tens of others, and 138k {@code HashSet<Integer>}s of
 * boxed entries took several hundred megabytes; this takes 4 to 8 bytes per entry.
 */
final class IntSet {

    private static final int FREE = -1;

    private int[] slots = new int[4];
    private int size;

    IntSet() {
        Arrays.fill(slots, FREE);
    }

    int size() {
        return size;
    }

    boolean contains(int value) {
        return slots[find(value)] == value;
    }

    boolean add(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        int at = find(value);
        if (slots[at] == value) {
            return false;
        }
        slots[at] = value;
        if (++size * 4 > slots.length * 3) {
            grow();
        }
        return true;
    }

    boolean remove(int value) {
        int at = find(value);
        if (slots[at] != value) {
            return false;
        }
        // Backward-shift deletion: later entries of the probe run move up, so no tombstones pile up.
        int mask = slots.length - 1;
        int hole = at;
        for (int next = (hole + 1) & mask; slots[next] != FREE; next = (next + 1) & mask) {
            int home = home(slots[next]);
            // next may fill the hole unless its home lies cyclically in (hole, next]
            boolean homeBetween = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!homeBetween) {
                slots[hole] = slots[next];
                hole = next;
            }
        }
        slots[hole] = FREE;
        size--;
        return true;
    }

    void forEach(IntConsumer action) {
        for (int value : slots) {
            if (value != FREE) {
                action.accept(value);
            }
        }
    }

    /** A copy, for callers that change the set while they go through it. */
    int[] toArray() {
        int[] out = new int[size];
        int k = 0;
        for (int value : slots) {
            if (value != FREE) {
                out[k++] = value;
            }
        }
        return out;
    }

    private int find(int value) {
        int mask = slots.length - 1;
        int at = home(value);
        while (slots[at] != FREE && slots[at] != value) {
            at = (at + 1) & mask;
        }
        return at;
    }

    private int home(int value) {
        int h = value * 0x9E3779B9;
        return (h ^ (h >>> 16)) & (slots.length - 1);
    }

    private void grow() {
        int[] old = slots;
        slots = new int[old.length * 2];
        Arrays.fill(slots, FREE);
        for (int value : old) {
            if (value != FREE) {
                slots[find(value)] = value;
            }
        }
    }
}
