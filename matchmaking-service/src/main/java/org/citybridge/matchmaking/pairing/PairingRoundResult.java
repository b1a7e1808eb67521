package org.citybridge.matchmaking.pairing;

import org.citybridge.contracts.events.MatchReason;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A pairing round as stored and returned: the chosen pairs with their reasons, who stayed unmatched and why. */
@Schema(description = "A pairing round and its result")
public record PairingRoundResult(
        UUID id,
        String method,
        ProposalKind kind,
        CooperationArea area,
        int capacity,
        List<UUID> groupA,
        List<UUID> groupB,
        List<RoundPair> pairs,
        List<Unmatched> unmatched,
        double totalScore,
        boolean proposalsCreated,
        Instant createdAt) {

    /** One chosen pair. */
    public record RoundPair(
            UUID cityA,
            String cityAName,
            UUID cityB,
            String cityBName,
            ProposalKind kind,
            CooperationArea area,
            double score,
            List<MatchReason> reasons) {}

    /** A city that got no partner, and why. */
    public record Unmatched(UUID cityId, String name, String reason) {}

    public PairingRoundResult withProposalsCreated() {
        return new PairingRoundResult(
                id, method, kind, area, capacity, groupA, groupB, pairs, unmatched, totalScore, true, createdAt);
    }
}
