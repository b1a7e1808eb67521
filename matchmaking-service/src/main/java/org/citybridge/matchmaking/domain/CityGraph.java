package org.citybridge.matchmaking.domain;

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
 * incremental: cities by area (and by area and interest masks), by place, preference, heritage, by cluster and by exchange, the partnership
 * graph and the pairs declined before. Cities are numbered densely so indexes are bit sets.
 */
final class CityGraph {

    final List<CityNode> nodes = new ArrayList<>();
    final Map<UUID, Integer> byId = new HashMap<>();
    final BitSet[] byArea = new BitSet[CityNode.AREAS];
    /**
     * Per area, per combination of stance and intent masks a city may hold there ({@code stance << 3 | intent}),
     * per {@link PairScorer#matchClass match class} 1–3: the cities whose own masks in that area have that
     * class against it. Lets a ranking read "who complements me both ways in this area" directly.
     */
    final IdSet[][][] byAreaClass = new IdSet[CityNode.AREAS][64][4];
    /** Cities with World Heritage sites; by cluster; by lower-case country, region or sub-region. */
    final IdSet withHeritage = new IdSet();
    final Map<UUID, IdSet> clusterBits = new HashMap<>();
    final Map<String, IdSet> byPlace = new HashMap<>();
    /** Cities with an interest preferring partners in a (lower-case) country, region or sub-region. */
    final Map<String, IdSet> byPreferenceTarget = new HashMap<>();
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
            for (int m = 0; m < 64; m++) {
                for (int c = 1; c < 4; c++) {
                    byAreaClass[a][m][c] = new IdSet();
                }
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

    IdSet clusterBits(UUID clusterId) {
        return clusterBits.computeIfAbsent(clusterId, k -> new IdSet());
    }

    /** Sets a city's place and heritage, keeping the place and heritage indexes in step. */
    void place(CityNode node, String country, String region, String subRegion, List<String> heritage) {
        for (String part : node.place) {
            byPlace.get(part).remove(node.idx);
        }
        node.setPlace(country, region, subRegion);
        for (String part : node.place) {
            byPlace.computeIfAbsent(part, k -> new IdSet()).add(node.idx);
        }
        node.worldHeritage = heritage;
        withHeritage.set(node.idx, !heritage.isEmpty());
    }

    /** Refreshes the area indexes of one city for one area. */
    void reindexArea(CityNode node, int area) {
        boolean indexed = node.stance[area] != 0 && !node.retired;
        int oldStance = stanceByArea[area][node.idx];
        int oldIntent = intentByArea[area][node.idx];
        int newStance = indexed ? node.stance[area] : 0;
        int newIntent = indexed ? node.intent[area] : 0;
        if (oldStance != newStance || oldIntent != newIntent) {
            for (int s = 1; s < 8; s++) {
                for (int i = 1; i < 8; i++) {
                    IdSet[] classes = byAreaClass[area][s << 3 | i];
                    int was = PairScorer.matchClass(s, i, oldStance, oldIntent);
                    int now = PairScorer.matchClass(s, i, newStance, newIntent);
                    if (was != now) {
                        if (was != 0) {
                            classes[was].remove(node.idx);
                        }
                        if (now != 0) {
                            classes[now].add(node.idx);
                        }
                    }
                }
            }
        }
        if (!node.indexedTargets.equals(node.preferenceTargets)) {
            for (String target : node.indexedTargets) {
                byPreferenceTarget.get(target).remove(node.idx);
            }
            for (String target : node.preferenceTargets) {
                byPreferenceTarget.computeIfAbsent(target, k -> new IdSet()).add(node.idx);
            }
            node.indexedTargets = node.preferenceTargets;
        }
        byArea[area].set(node.idx, indexed);
        stanceByArea[area][node.idx] = indexed ? node.stance[area] : 0;
        intentByArea[area][node.idx] = indexed ? node.intent[area] : 0;
    }

    /** The cities whose match class with the given city's current masks in one area is not 0. */
    BitSet matchingInArea(CityNode node, int area) {
        IdSet[] classes = byAreaClass[area][node.stance[area] << 3 | node.intent[area]];
        long[] union = new long[(size() + 63) >>> 6];
        for (int c = 1; c < classes.length; c++) {
            for (int w = 0; w < union.length; w++) {
                union[w] |= classes[c].word(w);
            }
        }
        return BitSet.valueOf(union);
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
