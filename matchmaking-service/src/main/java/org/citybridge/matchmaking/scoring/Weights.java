package org.citybridge.matchmaking.scoring;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The weight of every scoring feature, by the feature's key: a pair's score is the weighted sum of its
 * features, each weight being the contribution of one unit of its feature (one complementary direction,
 * one shared cluster, ...). Immutable; finite and non-negative.
 */
public final class Weights {

    private final double[] values;

    private Weights(double[] values) {
        for (int i = 0; i < values.length; i++) {
            double w = values[i];
            if (w < 0 || Double.isNaN(w) || Double.isInfinite(w)) {
                throw new IllegalArgumentException(
                        "Weight " + Features.ALL.get(i).key() + " must be finite and non-negative: " + w);
            }
        }
        this.values = values;
    }

    /** Every feature's documented default. */
    public static Weights defaults() {
        return new Weights(
                Features.ALL.stream().mapToDouble(Feature::defaultWeight).toArray());
    }

    /** Every weight 1: scoring with these gives each feature's own value, as the fitting of weights needs. */
    public static Weights ones() {
        double[] values = new double[Features.ALL.size()];
        Arrays.fill(values, 1.0);
        return new Weights(values);
    }

    /** Weights by feature index, in the order of {@link Features#ALL}. */
    public static Weights of(double[] byIndex) {
        if (byIndex.length != Features.ALL.size()) {
            throw new IllegalArgumentException("Expected " + Features.ALL.size() + " weights, got " + byIndex.length);
        }
        return new Weights(byIndex.clone());
    }

    /**
     * The given weights by key, the defaults for the others.
     *
     * @throws IllegalArgumentException for a key no feature has, or a negative or non-finite weight
     */
    public static Weights of(Map<String, Double> byKey) {
        double[] values = defaults().values.clone();
        for (Map.Entry<String, Double> entry : byKey.entrySet()) {
            Feature feature = Features.byKey(entry.getKey())
                    .orElseThrow(() -> new IllegalArgumentException(
                            "Unknown weight '" + entry.getKey() + "'; known: " + new TreeSet<>(Features.keys())));
            values[feature.index()] = entry.getValue();
        }
        return new Weights(values);
    }

    public double of(Feature feature) {
        return values[feature.index()];
    }

    /** A copy with one weight changed. */
    public Weights with(String key, double value) {
        Map<String, Double> changed = asMap();
        changed.put(key, value);
        return of(changed);
    }

    /** Key to weight, in the order of {@link Features#ALL}. */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (Feature feature : Features.ALL) {
            map.put(feature.key(), values[feature.index()]);
        }
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Weights other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Weights" + asMap();
    }
}
