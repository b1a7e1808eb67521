package org.citybridge.matchmaking.scoring;

import org.citybridge.contracts.vocabulary.CooperationArea;

/**
 * A feature of the two cities' interests in one cooperation area, computed from their stance and
 * intent masks there (bit {@code 1 << ordinal} per stated stance or intent). Its contribution depends
 * on nothing else, so the scorer tabulates the sum of all area features for every pair of masks, and
 * the search bounds a city's candidates by the best value of each {@linkplain PairScorer#matchClass
 * match class} of masks.
 */
public abstract non-sealed class AreaFeature extends Feature {

    AreaFeature(String key, String code, double defaultWeight) {
        super(key, code, defaultWeight);
    }

    /**
     * The contribution in one area; called with {@code out == null} (and {@code pair}, {@code area}
     * null) to fill the scorer's table, and with both set to explain a pair. Must return the same value
     * either way.
     *
     * @param earlier what the area features listed before this one contributed in this area
     * @param out     where the reasons go, or null
     */
    abstract double contribute(
            Weights weights,
            int stanceA,
            int intentA,
            int stanceB,
            int intentB,
            double earlier,
            Pair pair,
            CooperationArea area,
            Reasons out);
}
