package org.citybridge.matchmaking.ranking;

import org.citybridge.matchmaking.scoring.CityNode;

import java.util.Arrays;
import java.util.List;

/**
 * A city's current best partners, best first: score descending, ties by partner id ascending, at most
 * {@code capacity} entries. Small (N ≤ 100), so arrays and linear moves are fastest.
 */
final class TopList {

    private final int capacity;
    private final List<CityNode> nodes;
    int size;
    final int[] others;
    final double[] scores;

    TopList(int capacity, List<CityNode> nodes) {
        this.capacity = capacity;
        this.nodes = nodes;
        this.others = new int[capacity];
        this.scores = new double[capacity];
    }

    boolean full() {
        return size == capacity;
    }

    /** The score a newcomer must reach (ties decided by id), or {@code floor} while not full. */
    double threshold(double floor) {
        return full() ? scores[size - 1] : floor;
    }

    int indexOf(int other) {
        for (int i = 0; i < size; i++) {
            if (others[i] == other) {
                return i;
            }
        }
        return -1;
    }

    boolean better(double s1, int o1, double s2, int o2) {
        if (s1 != s2) {
            return s1 > s2;
        }
        return nodes.get(o1).id().compareTo(nodes.get(o2).id()) < 0;
    }

    /**
     * Offers a partner not yet in the list.
     *
     * @return -2 if rejected, -1 if added without evicting, else the evicted partner
     */
    int offer(int other, double score) {
        if (full() && !better(score, other, scores[size - 1], others[size - 1])) {
            return -2;
        }
        int evicted = -1;
        int pos;
        if (full()) {
            evicted = others[size - 1];
            pos = size - 1;
        } else {
            pos = size++;
        }
        while (pos > 0 && better(score, other, scores[pos - 1], others[pos - 1])) {
            others[pos] = others[pos - 1];
            scores[pos] = scores[pos - 1];
            pos--;
        }
        others[pos] = other;
        scores[pos] = score;
        return evicted;
    }

    /** Changes the score of an entry to a value not lower than before, keeping the order. */
    void raise(int index, double score) {
        int other = others[index];
        int pos = index;
        while (pos > 0 && better(score, other, scores[pos - 1], others[pos - 1])) {
            others[pos] = others[pos - 1];
            scores[pos] = scores[pos - 1];
            pos--;
        }
        others[pos] = other;
        scores[pos] = score;
    }

    int[] partners() {
        return Arrays.copyOf(others, size);
    }
}
