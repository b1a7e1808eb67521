package org.citybridge.matchmaking.pairing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Assignment algorithms for pairing rounds over a score matrix {@code w[i][j]} between a left group
 * (rows) and a right group (columns). A cell with a score that is not positive (or NaN) is not a
 * possible pair (a hard constraint excludes it, or pairing would not add value). Every city may take
 * up to {@code capacity} partners; a pair is used at most once.
 *
 * <ul>
 *   <li>{@link #optimal}: maximum total score. Capacity 1: Hungarian algorithm (Kuhn–Munkres with
 *       potentials, O(n²m)); larger capacities: min-cost flow by successive shortest paths, stopped
 *       when the next augmenting path would no longer increase the total.</li>
 *   <li>{@link #stable}: deferred acceptance (Gale–Shapley), the left group proposing; both sides
 *       rank partners by the same pair score. No blocking pair remains.</li>
 * </ul>
 */
public final class PairingSolver {

    private static final double EPS = 1e-9;

    private PairingSolver() {}

    /** One chosen pair: row index, column index. */
    public record Pair(int left, int right) {}

    public static boolean feasible(double score) {
        return score > 0 && !Double.isNaN(score);
    }

    /** A maximum-total-score set of pairs. */
    public static List<Pair> optimal(double[][] w, int capacity) {
        requireCapacity(capacity);
        return capacity == 1 ? hungarian(w) : minCostFlow(w, capacity);
    }

    public static double total(double[][] w, List<Pair> pairs) {
        double total = 0;
        for (Pair pair : pairs) {
            total += w[pair.left()][pair.right()];
        }
        return total;
    }

    /** Maximum weight matching with capacity 1 via Kuhn–Munkres on the padded cost matrix. */
    static List<Pair> hungarian(double[][] w) {
        int rows = w.length;
        int cols = rows == 0 ? 0 : w[0].length;
        if (rows == 0 || cols == 0) {
            return List.of();
        }
        boolean transpose = rows > cols;
        int n = transpose ? cols : rows;
        int m = transpose ? rows : cols;
        double[][] cost = new double[n + 1][m + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = transpose ? w[j][i] : w[i][j];
                cost[i + 1][j + 1] = feasible(s) ? -s : 0;
            }
        }
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] p = new int[m + 1];
        int[] way = new int[m + 1];
        double[] minv = new double[m + 1];
        boolean[] used = new boolean[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                double[] row = cost[i0];
                double ui0 = u[i0];
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = row[j] - ui0 - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        List<Pair> pairs = new ArrayList<>();
        for (int j = 1; j <= m; j++) {
            if (p[j] != 0) {
                int i = p[j] - 1;
                int c = j - 1;
                int left = transpose ? c : i;
                int right = transpose ? i : c;
                if (feasible(w[left][right])) {
                    pairs.add(new Pair(left, right));
                }
            }
        }
        pairs.sort(Comparator.comparingInt(Pair::left).thenComparingInt(Pair::right));
        return pairs;
    }

    /** Maximum weight b-matching (capacity per city, each pair once) by min-cost flow with Bellman–Ford paths. */
    static List<Pair> minCostFlow(double[][] w, int capacity) {
        int rows = w.length;
        int cols = rows == 0 ? 0 : w[0].length;
        int source = rows + cols;
        int sink = source + 1;
        FlowGraph g = new FlowGraph(sink + 1);
        for (int i = 0; i < rows; i++) {
            g.add(source, i, capacity, 0);
        }
        for (int j = 0; j < cols; j++) {
            g.add(rows + j, sink, capacity, 0);
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (feasible(w[i][j])) {
                    g.add(i, rows + j, 1, -w[i][j]);
                }
            }
        }
        while (true) {
            double[] dist = new double[g.size];
            int[] via = new int[g.size];
            Arrays.fill(dist, Double.POSITIVE_INFINITY);
            Arrays.fill(via, -1);
            boolean[] queued = new boolean[g.size];
            Deque<Integer> queue = new ArrayDeque<>();
            dist[source] = 0;
            queue.add(source);
            while (!queue.isEmpty()) {
                int node = queue.poll();
                queued[node] = false;
                for (int e = g.head[node]; e >= 0; e = g.next[e]) {
                    if (g.cap[e] > 0 && dist[node] + g.cost[e] < dist[g.to[e]] - EPS) {
                        dist[g.to[e]] = dist[node] + g.cost[e];
                        via[g.to[e]] = e;
                        if (!queued[g.to[e]]) {
                            queued[g.to[e]] = true;
                            queue.add(g.to[e]);
                        }
                    }
                }
            }
            if (dist[sink] >= -EPS) {
                break; // no augmenting path that still raises the total
            }
            for (int node = sink; node != source; node = g.to[via[node] ^ 1]) {
                g.cap[via[node]] -= 1;
                g.cap[via[node] ^ 1] += 1;
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            for (int e = g.head[i]; e >= 0; e = g.next[e]) {
                int to = g.to[e];
                if (to >= rows && to < rows + cols && (e & 1) == 0 && g.cap[e] == 0) {
                    pairs.add(new Pair(i, to - rows));
                }
            }
        }
        pairs.sort(Comparator.comparingInt(Pair::left).thenComparingInt(Pair::right));
        return pairs;
    }

    /**
     * Deferred acceptance, left proposing, each side with {@code capacity} places. Ties in scores are
     * broken by index, so the result is deterministic.
     */
    public static List<Pair> stable(double[][] w, int capacity) {
        requireCapacity(capacity);
        int rows = w.length;
        int cols = rows == 0 ? 0 : w[0].length;
        int[][] prefs = new int[rows][];
        for (int i = 0; i < rows; i++) {
            final int row = i;
            prefs[i] = java.util.stream.IntStream.range(0, cols)
                    .filter(j -> feasible(w[row][j]))
                    .boxed()
                    .sorted((x, y) ->
                            w[row][x] != w[row][y] ? Double.compare(w[row][y], w[row][x]) : Integer.compare(x, y))
                    .mapToInt(Integer::intValue)
                    .toArray();
        }
        int[] nextChoice = new int[rows];
        int[] held = new int[rows];
        List<List<Integer>> accepted = new ArrayList<>();
        for (int j = 0; j < cols; j++) {
            accepted.add(new ArrayList<>());
        }
        Deque<Integer> free = new ArrayDeque<>();
        for (int i = 0; i < rows; i++) {
            free.add(i);
        }
        while (!free.isEmpty()) {
            int i = free.poll();
            while (held[i] < capacity && nextChoice[i] < prefs[i].length) {
                int j = prefs[i][nextChoice[i]++];
                List<Integer> list = accepted.get(j);
                if (list.size() < capacity) {
                    list.add(i);
                    held[i]++;
                } else {
                    int worst = worstOf(list, j, w);
                    if (prefers(w, j, i, worst)) {
                        list.remove(Integer.valueOf(worst));
                        list.add(i);
                        held[i]++;
                        held[worst]--;
                        free.add(worst);
                    }
                }
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (int j = 0; j < cols; j++) {
            for (int i : accepted.get(j)) {
                pairs.add(new Pair(i, j));
            }
        }
        pairs.sort(Comparator.comparingInt(Pair::left).thenComparingInt(Pair::right));
        return pairs;
    }

    /** True if column {@code j} prefers row {@code a} to row {@code b}. */
    static boolean prefers(double[][] w, int j, int a, int b) {
        return w[a][j] != w[b][j] ? w[a][j] > w[b][j] : a < b;
    }

    private static int worstOf(List<Integer> rows, int j, double[][] w) {
        int worst = rows.get(0);
        for (int r : rows) {
            if (prefers(w, j, worst, r)) {
                worst = r;
            }
        }
        return worst;
    }

    private static void requireCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
    }

    /** Residual graph with paired edges (e, e^1). */
    private static final class FlowGraph {
        final int size;
        final int[] head;
        int[] to = new int[16];
        int[] next = new int[16];
        int[] cap = new int[16];
        double[] cost = new double[16];
        int edges;

        FlowGraph(int size) {
            this.size = size;
            this.head = new int[size];
            Arrays.fill(head, -1);
        }

        void add(int from, int target, int capacity, double c) {
            edge(from, target, capacity, c);
            edge(target, from, 0, -c);
        }

        private void edge(int from, int target, int capacity, double c) {
            if (edges == to.length) {
                to = Arrays.copyOf(to, edges * 2);
                next = Arrays.copyOf(next, edges * 2);
                cap = Arrays.copyOf(cap, edges * 2);
                cost = Arrays.copyOf(cost, edges * 2);
            }
            to[edges] = target;
            cap[edges] = capacity;
            cost[edges] = c;
            next[edges] = head[from];
            head[from] = edges++;
        }
    }
}
