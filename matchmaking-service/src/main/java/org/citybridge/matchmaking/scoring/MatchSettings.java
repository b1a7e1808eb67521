package org.citybridge.matchmaking.scoring;

/**
 * Everything the scoring core is configured with.
 *
 * @param topN     proposals kept per city
 * @param minScore a pair scoring below this is never proposed
 */
public record MatchSettings(Weights weights, int topN, double minScore, SouthSouthMode southSouthMode) {

    public static MatchSettings defaults() {
        return new MatchSettings(Weights.defaults(), 10, 3.0, SouthSouthMode.BONUS);
    }

    public MatchSettings {
        if (topN < 1 || topN > 100) {
            throw new IllegalArgumentException("topN must be between 1 and 100: " + topN);
        }
    }
}
