package org.citybridge.matchmaking.ranking;

/**
 * How much of the world one indexed search swept (see {@link TopSearch}): for benchmarks and tests that
 * hold the search to its pruning, not only to its result. The entry threshold is the list's N-th score as
 * it stood, or the minimum score while the list is not full.
 *
 * @param words        the world's words of 64 cities
 * @param wordsVisited words whose counters the sweep read before it stopped
 * @param pastCounters cities whose rounded-up sum of bounds reached the threshold, those scored before the
 *                     sweep (the hint, the sparse candidates) included
 * @param pastSums     cities not scored before the sweep whose exact sum of bounds reached it too (the
 *                     others are not read)
 * @param scored       of those, cities whose pair bound reached it too, scored in full by the sweep
 */
public record SearchCounts(int words, int wordsVisited, int pastCounters, int pastSums, int scored) {}
