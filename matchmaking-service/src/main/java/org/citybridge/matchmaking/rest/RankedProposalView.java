package org.citybridge.matchmaking.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** One of a city's proposals, ranked, with the partner it proposes. */
@Schema(description = "A city's proposal, ranked by score")
public record RankedProposalView(int rank, UUID partnerCityId, String partnerName, ProposalView proposal) {}
