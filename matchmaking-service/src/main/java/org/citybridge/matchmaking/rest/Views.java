package org.citybridge.matchmaking.rest;

import jakarta.enterprise.context.ApplicationScoped;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.matchmaking.PartnershipRecord;
import org.citybridge.matchmaking.ProposalRecord;
import org.citybridge.matchmaking.service.Json;

/** Entity to API mapping. */
@ApplicationScoped
public class Views {

    private final Json json;

    public Views(Json json) {
        this.json = json;
    }

    public ProposalView proposal(ProposalRecord p) {
        return new ProposalView(p.id, p.cityA, p.cityB, p.kind, p.area == null ? null : CooperationArea.fromCode(p.area),
                p.score, json.reasons(p.reasons), p.status.name(), p.acceptedByA, p.acceptedByB, p.origin.name(),
                p.createdAt, p.updatedAt);
    }

    public PartnershipView partnership(PartnershipRecord p) {
        return new PartnershipView(p.id, p.pairId, p.cityA, p.cityB, p.kind,
                p.area == null ? null : CooperationArea.fromCode(p.area), p.formedOn, p.source, p.proposalId, p.recordedAt);
    }
}
