package org.citybridge.matchmaking.ranking;

import org.citybridge.matchmaking.scoring.Match;

import java.util.UUID;

/**
 * A pair whose ranking changed in the last update.
 *
 * @param current the pair's match while it is in either city's top list; null once it is in neither
 */
public record PairChange(UUID cityA, UUID cityB, Match current) {}
