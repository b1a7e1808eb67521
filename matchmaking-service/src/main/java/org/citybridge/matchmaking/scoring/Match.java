package org.citybridge.matchmaking.scoring;

import org.citybridge.contracts.events.MatchReason;
import org.citybridge.contracts.events.PairIds;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;

import java.util.List;
import java.util.UUID;

/**
 * The scored match of two cities: what kind of partnership fits them, how well, and why.
 * {@code cityA} is always the lower id, as in {@link PairIds}.
 *
 * @param area    the area of a thematic match; null for a sister-city match
 * @param reasons largest contribution first; contributions sum to {@code score}
 */
public record Match(
        UUID cityA, UUID cityB, ProposalKind kind, CooperationArea area, double score, List<MatchReason> reasons) {

    public Match {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** The stable id of this pair and kind. */
    public UUID pairId() {
        return PairIds.of(cityA, cityB, kind, area);
    }

    public UUID other(UUID city) {
        return city.equals(cityA) ? cityB : cityA;
    }
}
