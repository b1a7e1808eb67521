package org.citybridge.matchmaking.scoring;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * A feature of a pair of cities beyond their interests in one area. Besides its exact contribution it
 * says how the indexed search may bound it for a city {@code a} and any candidate {@code b}:
 * <ul>
 *   <li>{@link #searchLists}: bit sets of candidates with the most the feature can give each of them;</li>
 *   <li>{@link #residual}: the most it can give any candidate in none of those lists;</li>
 *   <li>{@link #sparseCandidates}: candidates those two do not bound (few, scored exactly first).</li>
 * </ul>
 * Contract, checked for every feature by its unit test: {@code contribute(a, b) <= bound(a, b)}, and
 * unless {@code b} is a sparse candidate of {@code a}, {@code contribute(a, b)} plus the contributions of
 * the features it {@link #nets} is at most the sum of the bounds of a's lists holding {@code b} plus
 * {@code residual(a)}.
 */
public abstract non-sealed class PairFeature extends Feature {

    PairFeature(String key, String code, double defaultWeight) {
        super(key, code, defaultWeight);
    }

    /**
     * The exact contribution to the pair's score; with {@code out} set, also the reasons for it (each
     * with its share of the contribution).
     */
    abstract double contribute(Pair pair, Reasons out);

    /** An upper bound of {@link #contribute} for this pair, without building anything: checked per candidate. */
    abstract double bound(PairScorer scorer, CityNode a, CityNode b);

    /** Adds the lists that bound this feature (with those it {@link #nets}) for {@code a}'s candidates; none by default. */
    void searchLists(PairScorer scorer, CityNode a, SearchLists lists) {}

    /**
     * The most this feature (with the features it {@link #nets}) gives a candidate in none of its lists
     * (and not sparse); 0 by default, below 0 when what it nets weighs more.
     */
    double residual(PairScorer scorer, CityNode a) {
        return 0;
    }

    /** Candidates whose contribution the lists and the residual do not bound; none by default. */
    void sparseCandidates(CityGraph graph, CityNode a, IntConsumer candidates) {}

    /**
     * Features that never give more than 0 and that this feature's lists and residual bound together with
     * it (none by default): a feature of the same form and opposite sign is bounded best as one with it.
     */
    List<PairFeature> nets() {
        return List.of();
    }

    /**
     * True if only its sparse candidates get anything from it (it has neither lists nor a residual): the
     * search leaves it out of the pair bound of a candidate that is not sparse.
     */
    boolean onlySparse() {
        return false;
    }
}
