package org.citybridge.matchmaking.rest;

import io.quarkus.panache.common.Sort;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.problem.Problem;
import org.citybridge.kit.security.Caller;
import org.citybridge.kit.security.Roles;
import org.citybridge.kit.web.ETags;
import org.citybridge.kit.web.IdempotencyKeys;
import org.citybridge.kit.web.IdempotentResponse;
import org.citybridge.kit.paging.Page;
import org.citybridge.kit.paging.PageRequest;
import org.citybridge.kit.web.QueryParams;
import org.citybridge.matchmaking.PartnershipRecord;
import org.citybridge.matchmaking.service.PartnershipService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;
import java.util.UUID;

/** Formed partnerships. */
@Path("/api/v1/partnerships")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Partnerships")
@APIResponse(responseCode = "400", description = "Invalid request",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PartnershipResource {

    private static final Map<String, String> SORTS = Map.of("formedOn", "formedOn", "recordedAt", "recordedAt");

    private final PartnershipService partnerships;
    private final Views views;
    private final Caller caller;
    private final IdempotencyKeys idempotency;

    public PartnershipResource(PartnershipService partnerships, Views views, Caller caller, IdempotencyKeys idempotency) {
        this.partnerships = partnerships;
        this.views = views;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @GET
    @Operation(summary = "List partnerships", description = "Sort by formedOn or recordedAt (default -formedOn).")
    @APIResponse(responseCode = "200", description = "One page of partnerships")
    public Page<PartnershipView> list(@QueryParam("page") String page, @QueryParam("size") String size,
                                      @QueryParam("sort") String sort,
                                      @Parameter(description = "partnerships of this city",
                                              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                                      @QueryParam("cityId") String cityId,
                                      @QueryParam("kind") String kind) {
        PageRequest request = PageRequest.of(page, size, sort, SORTS, Sort.descending("formedOn").and("id"));
        return partnerships.search(QueryParams.uuid("cityId", cityId), QueryParams.code("kind", kind, ProposalKind::parse),
                request).map(views::partnership);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a partnership")
    @APIResponse(responseCode = "200", description = "The partnership",
            content = @Content(schema = @Schema(implementation = PartnershipView.class)))
    @APIResponse(responseCode = "404", description = "Unknown partnership")
    public Response get(@PathParam("id") UUID id) {
        PartnershipRecord partnership = partnerships.find(id).orElseThrow(() -> ApiException.notFound("Partnership", id));
        return Response.ok(views.partnership(partnership)).tag(ETags.of(partnership.version)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Record a partnership formed outside the platform",
            description = "E.g. a historical sister-city agreement, with its date and source, so existing ties are "
                    + "known from day one: the pair is no longer proposed, and it feeds the network feature. "
                    + "Publishes PartnershipFormed. Send an Idempotency-Key to make retries safe.")
    @APIResponse(responseCode = "201", description = "Recorded; Location and ETag set",
            content = @Content(schema = @Schema(implementation = PartnershipView.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a platform-admin")
    @APIResponse(responseCode = "409", description = "This partnership is already recorded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for another request")
    public Response record(@Valid @NotNull RecordPartnershipRequest request,
                           @Parameter(description = "Makes the POST safe to retry") @HeaderParam("Idempotency-Key") String key) {
        return partnerships.record(request.cityA(), request.cityB(), request.kind(), request.area(), request.formedOn(),
                request.source(), key, caller.subject() + " POST /api/v1/partnerships", request,
                partnership -> new IdempotentResponse(201, "/api/v1/partnerships/" + partnership.id,
                        ETags.of(partnership.version).toString(), idempotency.json(views.partnership(partnership))))
                .toResponse();
    }
}
