package org.citybridge.matchmaking.scoring;

/**
 * One feature of the matchmaking model, defined once: its weight's name and default, its reason code,
 * its exact contribution to a pair's score with the reason that explains it, and the upper bounds that
 * let the indexed search skip cities. Every scoring path (score with reasons, score alone, pair bounds,
 * search lists, residuals) is derived from these definitions; {@link Features} lists them.
 *
 * <p>Two kinds: an {@link AreaFeature} scores the two cities' interests in one cooperation area (the
 * search indexes cities by how their interests there match); a {@link PairFeature} scores anything else
 * about the pair and says how the search may bound it.
 */
public abstract sealed class Feature permits AreaFeature, PairFeature {

    private final String key;
    private final String code;
    private final double defaultWeight;
    private int index = -1;

    /**
     * @param key           the weight's name in configuration and in the model API, e.g. {@code shared-cluster}
     * @param code          the code of the reasons it gives, e.g. {@code shared-cluster}
     * @param defaultWeight the documented default
     */
    Feature(String key, String code, double defaultWeight) {
        this.key = key;
        this.code = code;
        this.defaultWeight = defaultWeight;
    }

    public final String key() {
        return key;
    }

    public final String code() {
        return code;
    }

    public final double defaultWeight() {
        return defaultWeight;
    }

    /** Position in {@link Features#ALL}: the weight's slot in {@link Weights}. */
    public final int index() {
        return index;
    }

    final void assignIndex(int position) {
        if (index >= 0) {
            throw new IllegalStateException("Feature " + key + " listed twice");
        }
        index = position;
    }

    @Override
    public String toString() {
        return key;
    }
}
