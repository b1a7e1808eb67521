package org.citybridge.matchmaking.pairing;

import org.jgrapht.alg.matching.KuhnMunkresMinimalWeightBipartitePerfectMatching;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The pairing algorithms against brute force and against JGraphT, on random instances. */
class PairingSolverTest {

    private static double[][] random(Random random, int rows, int cols) {
        double[][] w = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int kind = random.nextInt(10);
                // infeasible (NaN or ≤ 0), ties, and ordinary scores
                w[i][j] = kind == 0
                        ? Double.NaN
                        : kind == 1 ? -1 : kind == 2 ? 5 : Math.round(random.nextDouble() * 1000) / 100.0;
            }
        }
        return w;
    }

    /** Maximum total over every set of pairs where each city has at most {@code capacity} partners. */
    private static double bruteForce(double[][] w, int capacity) {
        int rows = w.length;
        int cols = w[0].length;
        return search(w, capacity, 0, new int[rows], new int[cols]);
    }

    private static double search(double[][] w, int capacity, int cell, int[] rowLoad, int[] colLoad) {
        int cols = w[0].length;
        if (cell == w.length * cols) {
            return 0;
        }
        int i = cell / cols;
        int j = cell % cols;
        double best = search(w, capacity, cell + 1, rowLoad, colLoad);
        if (PairingSolver.feasible(w[i][j]) && rowLoad[i] < capacity && colLoad[j] < capacity) {
            rowLoad[i]++;
            colLoad[j]++;
            best = Math.max(best, w[i][j] + search(w, capacity, cell + 1, rowLoad, colLoad));
            rowLoad[i]--;
            colLoad[j]--;
        }
        return best;
    }

    private static void assertValid(double[][] w, List<PairingSolver.Pair> pairs, int capacity) {
        int[] rowLoad = new int[w.length];
        int[] colLoad = new int[w[0].length];
        Set<PairingSolver.Pair> seen = new HashSet<>();
        for (PairingSolver.Pair pair : pairs) {
            assertThat(seen.add(pair)).as("pair used once").isTrue();
            assertThat(PairingSolver.feasible(w[pair.left()][pair.right()]))
                    .as("hard constraints hold")
                    .isTrue();
            assertThat(++rowLoad[pair.left()]).isLessThanOrEqualTo(capacity);
            assertThat(++colLoad[pair.right()]).isLessThanOrEqualTo(capacity);
        }
    }

    @Test
    void shouldFindTheMaximumTotalOfEverySmallInstanceWithCapacityOne() {
        Random random = new Random(1);
        for (int round = 0; round < 300; round++) {
            double[][] w = random(random, 1 + random.nextInt(6), 1 + random.nextInt(6));
            List<PairingSolver.Pair> pairs = PairingSolver.optimal(w, 1);
            assertValid(w, pairs, 1);
            assertThat(PairingSolver.total(w, pairs)).as("round %d", round).isCloseTo(bruteForce(w, 1), offset(1e-9));
        }
    }

    @Test
    void shouldFindTheMaximumTotalOfEverySmallInstanceWithLargerCapacities() {
        Random random = new Random(2);
        for (int round = 0; round < 150; round++) {
            double[][] w = random(random, 1 + random.nextInt(4), 1 + random.nextInt(4));
            int capacity = 2 + random.nextInt(2);
            List<PairingSolver.Pair> pairs = PairingSolver.optimal(w, capacity);
            assertValid(w, pairs, capacity);
            assertThat(PairingSolver.total(w, pairs))
                    .as("round %d", round)
                    .isCloseTo(bruteForce(w, capacity), offset(1e-9));
        }
    }

    @Test
    void shouldLeaveNoBlockingPairInAStableMatching() {
        Random random = new Random(3);
        for (int round = 0; round < 300; round++) {
            double[][] w = random(random, 1 + random.nextInt(8), 1 + random.nextInt(8));
            int capacity = 1 + random.nextInt(2);
            List<PairingSolver.Pair> pairs = PairingSolver.stable(w, capacity);
            assertValid(w, pairs, capacity);
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < w[0].length; j++) {
                    if (!PairingSolver.feasible(w[i][j]) || pairs.contains(new PairingSolver.Pair(i, j))) {
                        continue;
                    }
                    final int row = i;
                    final int col = j;
                    List<PairingSolver.Pair> ofRow =
                            pairs.stream().filter(p -> p.left() == row).toList();
                    List<PairingSolver.Pair> ofCol =
                            pairs.stream().filter(p -> p.right() == col).toList();
                    // the row would rather have col than its worst partner (or has room), and vice versa
                    boolean rowWants = ofRow.size() < capacity
                            || ofRow.stream()
                                    .anyMatch(p -> w[row][col] > w[row][p.right()]
                                            || (w[row][col] == w[row][p.right()] && col < p.right()));
                    boolean colWants = ofCol.size() < capacity
                            || ofCol.stream().anyMatch(p -> PairingSolver.prefers(w, col, row, p.left()));
                    assertThat(rowWants && colWants)
                            .as("round %d: blocking pair %d-%d", round, i, j)
                            .isFalse();
                }
            }
        }
    }

    @Test
    void shouldMatchTheJGraphTReferenceTotalOnLargerInstances() {
        Random random = new Random(4);
        for (int round = 0; round < 5; round++) {
            int n = 40;
            double[][] w = random(random, n, n);
            double max = 0;
            for (double[] row : w) {
                for (double v : row) {
                    if (PairingSolver.feasible(v)) {
                        max = Math.max(max, v);
                    }
                }
            }
            SimpleWeightedGraph<Integer, DefaultWeightedEdge> graph =
                    new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
            Set<Integer> left = new HashSet<>();
            Set<Integer> right = new HashSet<>();
            for (int i = 0; i < n; i++) {
                graph.addVertex(i);
                graph.addVertex(n + i);
                left.add(i);
                right.add(n + i);
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    graph.setEdgeWeight(graph.addEdge(i, n + j), max - (PairingSolver.feasible(w[i][j]) ? w[i][j] : 0));
                }
            }
            double reference = n * max
                    - new KuhnMunkresMinimalWeightBipartitePerfectMatching<>(graph, left, right)
                            .getMatching()
                            .getWeight();
            assertThat(PairingSolver.total(w, PairingSolver.optimal(w, 1))).isCloseTo(reference, offset(1e-6));
        }
    }
}
