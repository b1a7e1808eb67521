package org.citybridge.matchmaking.domain;

/**
 * The weight of every scoring feature. A pair's score is the weighted sum of its features; each
 * weight is the contribution of one unit of its feature (one complementary direction, one shared
 * cluster, ...). See {@link PairScorer} for the features.
 */
public record Weights(
        double complementary,
        double sharedInterest,
        double sharedCluster,
        double exchangeTogether,
        double surveyWish,
        double heritage,
        double association,
        double scale,
        double partnerPreference,
        double southSouth,
        double network,
        double loadDamper) {

    /** The documented defaults (also the configuration defaults). */
    public static Weights defaults() {
        return new Weights(3.0, 1.0, 0.75, 1.5, 0.5, 1.0, 0.5, 0.5, 2.0, 0.5, 1.0, 0.25);
    }

    public Weights {
        double[] all = {complementary, sharedInterest, sharedCluster, exchangeTogether, surveyWish, heritage,
                association, scale, partnerPreference, southSouth, network, loadDamper};
        for (double w : all) {
            if (w < 0 || Double.isNaN(w) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("Weights must be finite and non-negative: " + w);
            }
        }
    }
}
