package org.citybridge.matchmaking.pairing;

import org.citybridge.contracts.events.MatchReason;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.matchmaking.scoring.ReasonTexts;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
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

    /** With its reason texts in {@code language}. */
    public PairingRoundResult in(Locale language) {
        List<RoundPair> rendered = pairs.stream()
                .map(p -> new RoundPair(
                        p.cityA,
                        p.cityAName,
                        p.cityB,
                        p.cityBName,
                        p.kind,
                        p.area,
                        p.score,
                        ReasonTexts.in(language, p.reasons)))
                .toList();
        return new PairingRoundResult(
                id,
                method,
                kind,
                area,
                capacity,
                groupA,
                groupB,
                rendered,
                unmatched,
                totalScore,
                proposalsCreated,
                createdAt);
    }

    public PairingRoundResult withProposalsCreated() {
        return new PairingRoundResult(
                id, method, kind, area, capacity, groupA, groupB, pairs, unmatched, totalScore, true, createdAt);
    }
}
