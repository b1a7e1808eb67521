package org.citybridge.matchmaking.rest;

import org.citybridge.contracts.events.MatchReason;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.matchmaking.proposal.Proposal;
import org.citybridge.matchmaking.scoring.ReasonTexts;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A proposal as the API shows it. */
@Schema(description = "A proposal that two cities partner, with the reasons behind its score")
public record ProposalView(
        UUID id,
        UUID cityA,
        UUID cityB,
        ProposalKind kind,
        @Schema(description = "Area of a thematic proposal") CooperationArea area,
        double score,

        @Schema(
                description =
                        "Largest contribution first; contributions add up to the score. Texts are in the request's Accept-Language (en, es, zh; English otherwise)")
        List<MatchReason> reasons,

        @Schema(enumeration = {"PROPOSED", "ACCEPTED_BY_ONE", "AGREED", "DECLINED", "SUPERSEDED", "WITHDRAWN"})
        String status,

        boolean acceptedByA,
        boolean acceptedByB,
        @Schema(enumeration = {"RANKING", "PAIRING_ROUND"}) String origin,
        Instant createdAt,
        Instant updatedAt,

        @Schema(
                description =
                        "Changes with every change of the proposal; send it in If-Match to accept or decline only what was shown")
        long version) {

    /** With its reasons (read by {@link org.citybridge.matchmaking.proposal.ProposalService#reasonsOf}) in {@code language}. */
    static ProposalView of(Proposal p, List<MatchReason> reasons, Locale language) {
        return new ProposalView(
                p.id,
                p.cityA,
                p.cityB,
                p.kind,
                p.area(),
                p.score,
                ReasonTexts.in(language, reasons),
                p.status.name(),
                p.acceptedByA,
                p.acceptedByB,
                p.origin.name(),
                p.createdAt,
                p.updatedAt,
                p.version);
    }
}
