package org.citybridge.bench.quality;

import org.citybridge.bench.quality.TwinningData.Pair;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Known and held-out pairs: a fixed share of the cross-country pairs, drawn with a fixed seed, is held
 * out, each only if both its cities keep a known partner (a city nobody knows anything about cannot be
 * matched by its history, and a real platform knows the cities it proposes to). The known pairs are
 * recorded as the platform's historical partnerships; the held-out ones are what a good matchmaker
 * should propose.
 */
record Split(List<Pair> known, List<Pair> heldOut) {

    static Split of(TwinningData data, double share, long seed) {
        int[] degree = new int[data.cities.size()];
        List<Pair> cross = new ArrayList<>();
        for (Pair pair : data.pairs) {
            degree[pair.a()]++;
            degree[pair.b()]++;
            if (!data.cities
                    .get(pair.a())
                    .country()
                    .equals(data.cities.get(pair.b()).country())) {
                cross.add(pair);
            }
        }
        Collections.shuffle(cross, new Random(seed));
        int target = (int) (cross.size() * share);
        Set<Pair> held = new HashSet<>();
        for (Pair pair : cross) {
            if (held.size() >= target) {
                break;
            }
            if (degree[pair.a()] > 1 && degree[pair.b()] > 1) {
                held.add(pair);
                degree[pair.a()]--;
                degree[pair.b()]--;
            }
        }
        List<Pair> known = new ArrayList<>();
        List<Pair> heldOut = new ArrayList<>();
        for (Pair pair : data.pairs) {
            (held.contains(pair) ? heldOut : known).add(pair);
        }
        return new Split(List.copyOf(known), List.copyOf(heldOut));
    }
}
