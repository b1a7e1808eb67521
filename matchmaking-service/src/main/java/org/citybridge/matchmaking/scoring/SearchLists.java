package org.citybridge.matchmaking.scoring;

/**
 * Where a city's search lists go: bit sets of candidate cities, each with the most its feature can add
 * to their score. Lists of one group exclude each other (a candidate is in at most one of them, as a
 * city has one mask per area or one country), so the search adds only the largest bound of a group.
 */
public interface SearchLists {

    /** A group no other feature uses. */
    int newGroup();

    /** Adds a list; empty lists and bounds ≤ 0 may be dropped. */
    void add(IdSet cities, double bound, int group);

    /** An empty set for a union a feature builds for this search (owned by the search: do not keep it). */
    IdSet union();

    /**
     * Candidates a hard constraint rules out whatever their score: the cities of {@code cities} not in
     * {@code unless}. Only a saving (their score is never offered), so a reader may ignore it; at most once
     * per search.
     */
    default void exclude(IdSet cities, IdSet unless) {}

    /**
     * The same for a constraint that keeps only {@code cities}: every other candidate is ruled out. Adds to
     * {@link #exclude}; at most once per search.
     */
    default void keepOnly(IdSet cities) {}
}
