package org.citybridge.matchmaking.domain;

import org.citybridge.contracts.vocabulary.Stance;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The read model as the scoring core holds it in memory, with the indexes that keep re-scoring
 * incremental: cities by area (and by area and stance), by cluster and by exchange, the partnership
 * graph and the pairs declined before. Cities are numbered densely so indexes are bit sets.
 */
final class CityGraph {

    final List<CityNode> nodes = new ArrayList<>();
    final Map<UUID, Integer> byId = new HashMap<>();
    final BitSet[] byArea = new BitSet[CityNode.AREAS];
    final BitSet[][] byAreaStance = new BitSet[CityNode.AREAS][Stance.values().length];
    /** Per area, per city number: the stance and intent masks, contiguous so the candidate scan stays in cache. */
    byte[][] stanceByArea = new byte[CityNode.AREAS][64];
    byte[][] intentByArea = new byte[CityNode.AREAS][64];
    final Map<UUID, Set<Integer>> byCluster = new HashMap<>();
    final Map<UUID, String> clusterNames = new HashMap<>();
    final Map<UUID, ExchangeNode> exchanges = new HashMap<>();
    /** Pair ids (pair and kind) declined before: never proposed again. */
    final Set<UUID> declined = new HashSet<>();
    /** The same, as unordered pairs of city numbers, for a cheap first check. */
    final Set<Long> declinedPairs = new HashSet<>();
    final DevelopingEconomies developing;

    CityGraph(DevelopingEconomies developing) {
        this.developing = developing;
        for (int a = 0; a < CityNode.AREAS; a++) {
            byArea[a] = new BitSet();
            for (int s = 0; s < Stance.values().length; s++) {
                byAreaStance[a][s] = new BitSet();
            }
        }
    }

    /** The node of a city, created as an unregistered placeholder when first referenced. */
    CityNode node(UUID id) {
        Integer idx = byId.get(id);
        if (idx != null) {
            return nodes.get(idx);
        }
        CityNode node = new CityNode(id, nodes.size());
        nodes.add(node);
        if (node.idx >= stanceByArea[0].length) {
            for (int a = 0; a < CityNode.AREAS; a++) {
                stanceByArea[a] = java.util.Arrays.copyOf(stanceByArea[a], stanceByArea[a].length * 2);
                intentByArea[a] = java.util.Arrays.copyOf(intentByArea[a], intentByArea[a].length * 2);
            }
        }
        byId.put(id, node.idx);
        return node;
    }

    CityNode find(UUID id) {
        Integer idx = byId.get(id);
        return idx == null ? null : nodes.get(idx);
    }

    CityNode at(int idx) {
        return nodes.get(idx);
    }

    static long pairKey(int x, int y) {
        int lo = Math.min(x, y);
        int hi = Math.max(x, y);
        return ((long) lo << 32) | (hi & 0xffffffffL);
    }

    int size() {
        return nodes.size();
    }

    ExchangeNode exchange(UUID id) {
        return exchanges.computeIfAbsent(id, ExchangeNode::new);
    }

    Set<Integer> clusterMembers(UUID clusterId) {
        return byCluster.computeIfAbsent(clusterId, k -> new HashSet<>());
    }

    /** Refreshes the area indexes of one city for one area. */
    void reindexArea(CityNode node, int area) {
        boolean indexed = node.stance[area] != 0 && !node.retired;
        byArea[area].set(node.idx, indexed);
        stanceByArea[area][node.idx] = indexed ? node.stance[area] : 0;
        intentByArea[area][node.idx] = indexed ? node.intent[area] : 0;
        for (int s = 0; s < Stance.values().length; s++) {
            byAreaStance[area][s].set(node.idx, indexed && (node.stance[area] & (1 << s)) != 0);
        }
    }

    /** Every city with an interest in any area the given city has one in. */
    BitSet areaNeighbourhood(CityNode node) {
        BitSet union = new BitSet();
        for (int bits = node.areaBits; bits != 0; bits &= bits - 1) {
            union.or(byArea[Integer.numberOfTrailingZeros(bits)]);
        }
        return union;
    }
}
