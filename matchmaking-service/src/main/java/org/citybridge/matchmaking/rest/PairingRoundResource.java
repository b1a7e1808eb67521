package org.citybridge.matchmaking.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.citybridge.contracts.events.MatchReason;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.security.Caller;
import org.citybridge.kit.security.Roles;
import org.citybridge.kit.web.Expensive;
import org.citybridge.kit.web.JobView;
import org.citybridge.kit.web.Responses;
import org.citybridge.matchmaking.pairing.PairingRound;
import org.citybridge.matchmaking.pairing.PairingRoundResult;
import org.citybridge.matchmaking.pairing.PairingService;
import org.citybridge.matchmaking.proposal.Proposal;
import org.citybridge.matchmaking.proposal.ProposalService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Pairing rounds: pair one group of cities with another, optimally or stably. */
@Path("/api/v1/pairing-rounds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Pairing rounds")
public class PairingRoundResource {

    @Context
    HttpHeaders headers;

    @Inject
    PairingService pairing;

    @Inject
    ProposalService proposals;

    @Inject
    Responses responses;

    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(
            operationId = "runPairingRound",
            summary = "Run a pairing round",
            description = "Pairs group A with group B over the matchmaking scores under the hard constraints. "
                    + "optimal maximises the total score (Hungarian algorithm; min-cost flow for capacity > 1); "
                    + "stable runs deferred acceptance (Gale–Shapley, group A proposing) so no two cities would "
                    + "both rather pair with each other. Only pairs with a positive score are formed. The round is "
                    + "stored; its pairs become proposals through POST /{id}/proposals.")
    @APIResponse(
            responseCode = "201",
            description = "The round and its result; Location and ETag set",
            content = @Content(schema = @Schema(implementation = PairingRoundResult.class)))
    @APIResponse(
            responseCode = "202",
            description = "A round of more pairs than citybridge.matchmaking.pairing-job-threshold (250,000) runs "
                    + "as a job: Location names it, and its result names the stored round",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "422", description = "Unknown cities, overlapping groups, or a group too large")
    @APIResponse(responseCode = "503", description = "As many rounds as allowed are running; retry after Retry-After")
    @Expensive
    public Response run(
            @Valid @NotNull PairingRoundRequest request,
            @Parameter(description = "Makes the POST safe to retry") @HeaderParam("Idempotency-Key") String key) {
        PairingService.RunRound command = request.toCommand();
        pairing.validate(command);
        return pairing.admitted(() -> pairing.large(command)
                ? responses.accepted(pairing.runAsJob(command, caller.subject()))
                : pairing.locked(() -> responses.created(key, "/api/v1/pairing-rounds", request, () -> {
                    PairingRound round = pairing.run(command);
                    return new Responses.Created(round.current(), "/api/v1/pairing-rounds/" + round.id, round.version);
                })));
    }

    @GET
    @Localised
    @Path("/{id}")
    @Operation(
            operationId = "getPairingRound",
            summary = "Get a pairing round",
            description =
                    "The round's groups, method and pairs with their scores. Answers with its ETag: send it in If-None-Match to get 304 while it is unchanged.")
    @APIResponse(
            responseCode = "200",
            description = "The round",
            content = @Content(schema = @Schema(implementation = PairingRoundResult.class)))
    public Response get(@PathParam("id") UUID id) {
        PairingRound round = pairing.find(id).orElseThrow(() -> ApiException.notFound("Pairing round", id));
        return LocalisedResponses.ok(round.current().in(LocalisedResponses.of(headers)), round.version, headers);
    }

    @POST
    @Path("/{id}/proposals")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(
            operationId = "createPairingRoundProposals",
            summary = "Turn a round's pairs into proposals",
            description = "Each pair becomes a PROPOSED proposal (ProposalCreated is published) unless the pair was "
                    + "declined or agreed before. Once per round.")
    @APIResponse(responseCode = "200", description = "The proposals created or already open")
    @APIResponse(responseCode = "409", description = "Already done for this round")
    @Localised
    public List<ProposalView> createProposals(@PathParam("id") UUID id) {
        List<Proposal> created = pairing.createProposals(id);
        Map<UUID, List<MatchReason>> reasons = proposals.reasonsOf(created);
        return created.stream()
                .map(p -> ProposalView.of(p, reasons.get(p.id), LocalisedResponses.of(headers)))
                .toList();
    }
}
