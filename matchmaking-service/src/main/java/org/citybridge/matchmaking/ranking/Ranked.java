package org.citybridge.matchmaking.ranking;

import java.util.UUID;

/** One entry of a city's ranking: a partner and the pair's score. */
public record Ranked(UUID partner, double score) {}
