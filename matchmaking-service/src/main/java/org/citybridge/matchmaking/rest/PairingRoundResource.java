package org.citybridge.matchmaking.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.problem.Problem;
import org.citybridge.kit.security.Caller;
import org.citybridge.kit.security.Roles;
import org.citybridge.kit.web.ETags;
import org.citybridge.kit.web.IdempotencyKeys;
import org.citybridge.kit.web.IdempotentResponse;
import org.citybridge.matchmaking.service.GroupQuery;
import org.citybridge.matchmaking.service.PairingRoundResult;
import org.citybridge.matchmaking.service.PairingService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** Pairing rounds: pair one group of cities with another, optimally or stably. */
@Path("/api/v1/pairing-rounds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Pairing rounds")
@APIResponse(responseCode = "400", description = "Invalid request",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PairingRoundResource {

    private final PairingService pairing;
    private final Views views;
    private final Caller caller;
    private final IdempotencyKeys idempotency;

    public PairingRoundResource(PairingService pairing, Views views, Caller caller, IdempotencyKeys idempotency) {
        this.pairing = pairing;
        this.views = views;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Run a pairing round",
            description = "Pairs group A with group B over the matchmaking scores under the hard constraints. "
                    + "optimal maximises the total score (Hungarian algorithm; min-cost flow for capacity > 1); "
                    + "stable runs deferred acceptance (Gale–Shapley, group A proposing) so no two cities would "
                    + "both rather pair with each other. Only pairs with a positive score are formed. The round is "
                    + "stored; its pairs become proposals through POST /{id}/proposals.")
    @APIResponse(responseCode = "201", description = "The round and its result; Location and ETag set",
            content = @Content(schema = @Schema(implementation = PairingRoundResult.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a platform-admin")
    @APIResponse(responseCode = "422", description = "Unknown cities, overlapping groups, or a group too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response run(@Valid @NotNull PairingRoundRequest request,
                        @Parameter(description = "Makes the POST safe to retry") @HeaderParam("Idempotency-Key") String key) {
        int capacity = request.capacity() == null ? 1 : request.capacity();
        String method = request.method() == null ? "optimal" : request.method();
        return pairing.run(group(request.groupA()), group(request.groupB()), request.kind(), request.area(), capacity,
                method, key, caller.subject() + " POST /api/v1/pairing-rounds", request,
                result -> new IdempotentResponse(201, "/api/v1/pairing-rounds/" + result.id(), ETags.of(0).toString(),
                        idempotency.json(result))).toResponse();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a pairing round")
    @APIResponse(responseCode = "200", description = "The round",
            content = @Content(schema = @Schema(implementation = PairingRoundResult.class)))
    @APIResponse(responseCode = "404", description = "Unknown round",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        PairingRoundResult result = pairing.find(id).orElseThrow(() -> ApiException.notFound("Pairing round", id));
        return Response.ok(result).tag(ETags.of(pairing.version(id))).build();
    }

    @POST
    @Path("/{id}/proposals")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Turn a round's pairs into proposals",
            description = "Each pair becomes a PROPOSED proposal (ProposalCreated is published) unless the pair was "
                    + "declined or agreed before. Once per round.")
    @APIResponse(responseCode = "200", description = "The proposals created or already open")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a platform-admin")
    @APIResponse(responseCode = "404", description = "Unknown round")
    @APIResponse(responseCode = "409", description = "Already done for this round",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<ProposalView> createProposals(@PathParam("id") UUID id) {
        return pairing.createProposals(id).stream().map(views::proposal).toList();
    }

    private static GroupQuery group(PairingRoundRequest.GroupSelector selector) {
        return new GroupQuery(selector.cityIds(), selector.country(), selector.clusterId(), selector.area());
    }
}
