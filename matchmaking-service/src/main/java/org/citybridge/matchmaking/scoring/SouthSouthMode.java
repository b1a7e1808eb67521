package org.citybridge.matchmaking.scoring;

/** How the South-South criterion acts: a bonus for pairs of developing economies, or a hard filter. */
public enum SouthSouthMode {
    /** Pairs where both cities are in developing economies get the {@code southSouth} weight. */
    BONUS,
    /** Only pairs where both cities are in developing economies are proposed at all. */
    FILTER
}
