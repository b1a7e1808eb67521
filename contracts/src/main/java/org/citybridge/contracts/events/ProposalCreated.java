package org.citybridge.contracts.events;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Matchmaking proposes that two cities partner. Key: proposal id (stable per pair and kind, see
 * {@link PairIds}).
 *
 * @param area the area of a thematic proposal; null for a sister-city proposal
 */
public record ProposalCreated(
        UUID proposalId,
        UUID cityA,
        UUID cityB,
        ProposalKind kind,
        CooperationArea area,
        double score,
        List<MatchReason> reasons,
        Instant createdAt)
        implements EventPayload {

    public ProposalCreated {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    @Override
    public UUID aggregateId() {
        return proposalId;
    }
}
