package org.citybridge.matchmaking.rest;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.matchmaking.partnership.Partnership;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A formed partnership. */
public record PartnershipView(
        UUID id,
        UUID pairId,
        UUID cityA,
        UUID cityB,
        ProposalKind kind,
        CooperationArea area,
        LocalDate formedOn,
        String source,
        UUID proposalId,
        Instant recordedAt) {

    static PartnershipView of(Partnership p) {
        return new PartnershipView(
                p.id, p.pairId, p.cityA, p.cityB, p.kind, p.area(), p.formedOn, p.source, p.proposalId, p.recordedAt);
    }
}
