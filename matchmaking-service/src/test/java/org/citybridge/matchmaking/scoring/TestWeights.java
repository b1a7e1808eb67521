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

    private TestWeights() {}

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
