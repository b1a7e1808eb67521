package org.citybridge.matchmaking.scoring;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

/** Per thematic cluster both cities belong to: "Both are members of 2 clusters: …". One list per cluster of {@code a}. */
final class SharedCluster extends PairFeature {

    SharedCluster() {
        super("shared-cluster", "shared-cluster", 0.75);
    }

    @Override
    double contribute(Pair pair, Reasons out) {
        CityNode a = pair.a;
        CityNode b = pair.b;
        if (a.clusters.isEmpty() || b.clusters.isEmpty()) {
            return 0;
        }
        CityNode small = a.clusters.size() <= b.clusters.size() ? a : b;
        CityNode large = small == a ? b : a;
        int count = 0;
        TreeSet<String> names = out == null ? null : new TreeSet<>();
        for (UUID cluster : small.clusters) {
            if (large.clusters.contains(cluster)) {
                count++;
                if (names != null) {
                    names.add(
                            Objects.requireNonNullElse(pair.graph().clusterNames.get(cluster), cluster.toString()));
                }
            }
        }
        if (count == 0) {
            return 0;
        }
        double contribution = pair.weight(this) * count;
        if (out != null) {
            out.add(
                    this,
                    "Both are members of " + (count == 1 ? "the cluster " : count + " clusters: ")
                            + String.join("; ", names),
                    contribution,
                    Map.of("count", count, "clusters", List.copyOf(names)));
        }
        return contribution;
    }

    @Override
    double bound(PairScorer scorer, CityNode a, CityNode b) {
        return scorer.weights().of(this) * Math.min(a.clusters.size(), b.clusters.size());
    }

    @Override
    void searchLists(PairScorer scorer, CityNode a, SearchLists lists) {
        for (UUID cluster : a.clusters) {
            // get, not computeIfAbsent: searches run in parallel (full re-score) and must never write the map
            IdSet members = scorer.graph().clusterBits.get(cluster);
            if (members != null) {
                lists.add(members, scorer.weights().of(this), lists.newGroup());
            }
        }
    }
}
