package org.citybridge.matchmaking.ranking;

import java.util.Comparator;
import java.util.UUID;

/** One entry of a city's ranking: a partner and the pair's score. */
public record Ranked(UUID partner, double score) {

    /** Score descending, then partner id ascending: the order of every ranking, the API's included. */
    public static final Comparator<Ranked> BEST_FIRST =
            Comparator.comparingDouble(Ranked::score).reversed().thenComparing(Ranked::partner);
}
