package org.citybridge.matchmaking.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.citybridge.contracts.events.MatchReason;
import org.citybridge.matchmaking.proposal.Proposal;
import org.citybridge.matchmaking.proposal.ProposalService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A city's current proposals, ranked. */
@Path("/api/v1/cities/{id}/proposals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Proposals")
@Localised
public class CityProposalsResource {

    @Context
    HttpHeaders headers;

    @Inject
    ProposalService proposals;

    @GET
    @Operation(
            operationId = "listCityProposals",
            summary = "A city's open proposals, best first, with reasons",
            description = "Open means PROPOSED or ACCEPTED_BY_ONE.")
    @APIResponse(responseCode = "200", description = "Ranked proposals")
    @APIResponse(responseCode = "404", description = "The city is not known to matchmaking")
    public List<RankedProposalView> list(@PathParam("id") UUID cityId) {
        List<ProposalService.CityProposal> open = proposals.openFor(cityId);
        Map<UUID, List<MatchReason>> reasons = proposals.reasonsOf(
                open.stream().map(ProposalService.CityProposal::proposal).toList());
        List<RankedProposalView> ranked = new ArrayList<>();
        for (ProposalService.CityProposal entry : open) {
            Proposal proposal = entry.proposal();
            ranked.add(new RankedProposalView(
                    ranked.size() + 1,
                    entry.partnerId(),
                    entry.partnerName(),
                    ProposalView.of(proposal, reasons.get(proposal.id), LocalisedResponses.of(headers))));
        }
        return ranked;
    }
}
