package org.citybridge.contracts.events;

/**
 * One reason behind a proposal's score.
 *
 * @param code         stable machine code, e.g. {@code complementary-interest}
 * @param text         human-readable explanation
 * @param contribution the share of the score this reason adds (negative for dampers)
 */
public record MatchReason(String code, String text, double contribution) {}
