package org.citybridge.matchmaking.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Weights for tests, written as the twelve numbers of the model's first features, in their documented order. */
public final class TestWeights {

    private static final List<String> ORDER = List.of(
            "complementary",
            "shared-interest",
            "shared-cluster",
            "exchange-together",
            "survey-wish",
            "heritage",
            "association",
            "scale",
            "partner-preference",
            "south-south",
            "network",
            "load-damper");

    /** Every feature weighted, none at its default: what the contract and reason tests score with. */
    public static final Weights EVERY_FEATURE = positional(
            new double[] {1.0, 0.5, 0.5, 1.0, 0.5, 0.5, 0.5, 0.5, 1.0, 0.5, 1.0, 0.5}, 0.7, 3.0, 0.4, 0.6, 1.1, 0.8);

    private TestWeights() {}

    /**
     * The given twelve, then the later features' weights in the order of {@link Features#ALL}: country
     * affinity, proximity, same sub-region, shared language, activity, linked partners.
     */
    public static Weights positional(double[] first, double... later) {
        Map<String, Double> byKey = new LinkedHashMap<>(positional(first).asMap());
        List<Feature> rest = Features.ALL.subList(ORDER.size(), Features.ALL.size());
        if (later.length != rest.size()) {
            throw new IllegalArgumentException("Expected " + rest.size() + " later weights, got " + later.length);
        }
        for (int i = 0; i < later.length; i++) {
            byKey.put(rest.get(i).key(), later[i]);
        }
        return Weights.of(byKey);
    }

    /** complementary, shared-interest, shared-cluster, exchange-together, survey-wish, heritage, association, scale, partner-preference, south-south, network, load-damper. */
    public static Weights positional(double... values) {
        if (values.length != ORDER.size()) {
            throw new IllegalArgumentException("Expected " + ORDER.size() + " weights, got " + values.length);
        }
        Map<String, Double> byKey = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            byKey.put(ORDER.get(i), values[i]);
        }
        return Weights.of(byKey);
    }
}
