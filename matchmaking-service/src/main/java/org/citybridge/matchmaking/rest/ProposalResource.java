package org.citybridge.matchmaking.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.citybridge.contracts.events.MatchReason;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.kit.exports.Export;
import org.citybridge.kit.paging.Page;
import org.citybridge.kit.paging.PageRequest;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.security.Caller;
import org.citybridge.kit.security.Roles;
import org.citybridge.kit.web.ETags;
import org.citybridge.kit.web.QueryParams;
import org.citybridge.matchmaking.proposal.Proposal;
import org.citybridge.matchmaking.proposal.ProposalExport;
import org.citybridge.matchmaking.proposal.ProposalService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Proposals: search, read, accept, decline. */
@Path("/api/v1/proposals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Proposals")
public class ProposalResource {

    @Context
    HttpHeaders headers;

    private static final Map<String, String> SORTS =
            Map.of("score", "score", "createdAt", "createdAt", "updatedAt", "updatedAt", "status", "status");

    @Inject
    ProposalService proposals;

    @Inject
    Caller caller;

    @Inject
    ProposalExport exports;

    @Inject
    ObjectMapper mapper;

    @GET
    @Operation(
            operationId = "listProposals",
            summary = "Search proposals",
            description = "Filters combine with AND. Sort by score, createdAt, "
                    + "updatedAt or status; prefix - for descending (default -score).")
    @APIResponse(responseCode = "200", description = "One page of proposals")
    @Localised
    public Page<ProposalView> list(
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @Parameter(example = "-score") @QueryParam("sort") String sort,
            @Parameter(
                            description = "proposals involving this city",
                            schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                    @QueryParam("cityId")
                    String cityId,
            @Parameter(schema = @Schema(implementation = Proposal.Status.class), example = "PROPOSED")
                    @QueryParam("status")
                    String status,
            @Parameter(schema = @Schema(implementation = ProposalKind.class), example = "SISTER_CITY")
                    @QueryParam("kind")
                    String kind,
            @Parameter(schema = @Schema(implementation = CooperationArea.class), example = "tourism")
                    @QueryParam("area")
                    String area) {
        PageRequest request =
                PageRequest.of(page, size, sort, SORTS, Sort.descending("score").and("id"));
        Page<Proposal> found = proposals.search(
                QueryParams.uuid("cityId", cityId),
                status(status),
                QueryParams.code("kind", kind, ProposalKind::parse),
                QueryParams.code("area", area, CooperationArea::fromCode),
                request);
        Map<UUID, List<MatchReason>> reasons = proposals.reasonsOf(found.items());
        return found.map(p -> ProposalView.of(p, reasons.get(p.id), LocalisedResponses.of(headers)));
    }

    @GET
    @Path("/export")
    @Produces({Export.CSV, Export.NDJSON, Export.GEOJSON})
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(
            operationId = "exportProposals",
            summary = "Every proposal, whatever its status, streamed as CSV, NDJSON or GeoJSON (programme staff)",
            description = "As the Accept header asks; application/geo+json draws a line between the two cities.")
    @APIResponse(responseCode = "200", description = "The proposals, streamed")
    @APIResponse(responseCode = "406", description = "Another format was asked for")
    public Response export(@HeaderParam("Accept") String accept) {
        return exports.export().response(accept, mapper);
    }

    @GET
    @Path("/{id}")
    @Operation(
            operationId = "getProposal",
            summary = "Get a proposal",
            description =
                    "The proposal with its score, every reason and its contribution, and each city's answer. Answers with its ETag: send it in If-None-Match to get 304 while it is unchanged, or in If-Match to accept or decline it.")
    @APIResponse(
            responseCode = "200",
            description = "The proposal, with its ETag",
            content = @Content(schema = @Schema(implementation = ProposalView.class)))
    @Localised
    public Response get(@PathParam("id") UUID id) {
        Proposal proposal = proposals.find(id).orElseThrow(() -> ApiException.notFound("Proposal", id));
        return view(proposal);
    }

    @POST
    @Path("/{id}/accept")
    @RolesAllowed({Roles.CITY_OFFICER, Roles.PLATFORM_ADMIN})
    @Operation(
            operationId = "acceptProposal",
            summary = "Accept a proposal for one side",
            description = "A city-officer accepts for the city in their token; a platform-admin names the side in "
                    + "cityId. When both sides have accepted, the proposal is AGREED and a partnership forms. "
                    + "If-Match is checked when sent.")
    @APIResponse(
            responseCode = "200",
            description = "Accepted",
            content = @Content(schema = @Schema(implementation = ProposalView.class)))
    @APIResponse(responseCode = "403", description = "Not an officer of either city")
    @APIResponse(responseCode = "409", description = "Not open, or this side already accepted")
    @Localised
    public Response accept(
            @PathParam("id") UUID id,
            @Parameter(
                            description = "The side acting (required for platform-admin)",
                            schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                    @QueryParam("cityId")
                    String cityId,
            @HeaderParam("If-Match") String ifMatch) {
        return view(proposals.accept(answer(id, cityId, ifMatch)));
    }

    @POST
    @Path("/{id}/decline")
    @RolesAllowed({Roles.CITY_OFFICER, Roles.PLATFORM_ADMIN})
    @Operation(
            operationId = "declineProposal",
            summary = "Decline a proposal for one side",
            description = "The pair is never proposed again for this kind. Same authorisation as accept.")
    @APIResponse(
            responseCode = "200",
            description = "Declined",
            content = @Content(schema = @Schema(implementation = ProposalView.class)))
    @APIResponse(responseCode = "403", description = "Not an officer of either city")
    @APIResponse(responseCode = "409", description = "Not open")
    @Localised
    public Response decline(
            @PathParam("id") UUID id,
            @Parameter(
                            description = "The side acting (required for platform-admin)",
                            schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                    @QueryParam("cityId")
                    String cityId,
            @HeaderParam("If-Match") String ifMatch) {
        return view(proposals.decline(answer(id, cityId, ifMatch)));
    }

    /** One proposal as answered: its view in the caller's language, with its ETag. */
    private Response view(Proposal proposal) {
        List<MatchReason> reasons = proposals.reasonsOf(List.of(proposal)).get(proposal.id);
        return LocalisedResponses.ok(
                ProposalView.of(proposal, reasons, LocalisedResponses.of(headers)), proposal.version, headers);
    }

    /** If-Match is optional here: checked when sent. */
    private ProposalService.Answer answer(UUID id, String cityId, String ifMatch) {
        return new ProposalService.Answer(
                id, QueryParams.uuid("cityId", cityId), ETags.expectedVersionIfPresent(ifMatch), caller);
    }

    private static Proposal.Status status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Proposal.Status.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status", "unknown status '" + value + "'");
        }
    }
}
