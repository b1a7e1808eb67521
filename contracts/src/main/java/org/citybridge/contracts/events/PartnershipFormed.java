package org.citybridge.contracts.events;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Two cities formed a partnership: both accepted a proposal, or programme staff recorded one formed
 * outside the platform. Key: pair id (see {@link PairIds}).
 *
 * @param proposalId the accepted proposal, null for a recorded historical partnership
 * @param source     e.g. {@code proposal}, or where a historical agreement is documented
 */
public record PartnershipFormed(
        UUID partnershipId,
        UUID pairId,
        UUID proposalId,
        UUID cityA,
        UUID cityB,
        ProposalKind kind,
        CooperationArea area,
        LocalDate formedOn,
        String source,
        Instant recordedAt)
        implements EventPayload {

    @Override
    public UUID aggregateId() {
        return pairId;
    }
}
