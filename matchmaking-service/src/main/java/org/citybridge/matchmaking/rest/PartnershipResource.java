package org.citybridge.matchmaking.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
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
import org.citybridge.kit.exports.Export;
import org.citybridge.kit.imports.ImportFile;
import org.citybridge.kit.imports.ImportRequest;
import org.citybridge.kit.paging.Page;
import org.citybridge.kit.paging.PageRequest;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.security.Caller;
import org.citybridge.kit.security.Roles;
import org.citybridge.kit.web.Expensive;
import org.citybridge.kit.web.JobView;
import org.citybridge.kit.web.QueryParams;
import org.citybridge.kit.web.Responses;
import org.citybridge.matchmaking.partnership.Partnership;
import org.citybridge.matchmaking.partnership.PartnershipExport;
import org.citybridge.matchmaking.partnership.PartnershipImport;
import org.citybridge.matchmaking.partnership.PartnershipService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.Map;
import java.util.UUID;

/** Formed partnerships. */
@Path("/api/v1/partnerships")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Partnerships")
public class PartnershipResource {

    private static final Map<String, String> SORTS = Map.of("formedOn", "formedOn", "recordedAt", "recordedAt");

    @Inject
    PartnershipService partnerships;

    @Inject
    Responses responses;

    @Inject
    PartnershipImport imports;

    @Inject
    PartnershipExport exports;

    @Inject
    ObjectMapper mapper;

    @Inject
    Caller caller;

    @GET
    @Operation(
            operationId = "listPartnerships",
            summary = "List partnerships",
            description = "Sort by formedOn or recordedAt (default -formedOn).")
    @APIResponse(responseCode = "200", description = "One page of partnerships")
    public Page<PartnershipView> list(
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @QueryParam("sort") String sort,
            @Parameter(
                            description = "partnerships of this city",
                            schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                    @QueryParam("cityId")
                    String cityId,
            @QueryParam("kind") @Parameter(schema = @Schema(implementation = ProposalKind.class)) String kind) {
        PageRequest request = PageRequest.of(
                page, size, sort, SORTS, Sort.descending("formedOn").and("id"));
        return partnerships
                .search(
                        QueryParams.uuid("cityId", cityId),
                        QueryParams.code("kind", kind, ProposalKind::parse),
                        request)
                .map(PartnershipView::of);
    }

    @GET
    @Path("/export")
    @Produces({Export.CSV, Export.NDJSON, Export.GEOJSON})
    @Operation(
            operationId = "exportPartnerships",
            summary = "Every partnership, streamed as CSV, NDJSON or GeoJSON",
            description = "As the Accept header asks: text/csv and application/x-ndjson in the fields the "
                    + "partnership import reads (an export imports back unchanged), with both cities' names and "
                    + "countries; application/geo+json a line between the two cities.")
    @APIResponse(responseCode = "200", description = "The partnerships, streamed")
    @APIResponse(responseCode = "406", description = "Another format was asked for")
    public Response export(@HeaderParam("Accept") String accept) {
        return exports.export().response(accept, mapper);
    }

    @GET
    @Path("/{id}")
    @Operation(
            operationId = "getPartnership",
            summary = "Get a partnership",
            description =
                    "A partnership formed by an accepted proposal or recorded from history. Answers with its ETag: send it in If-None-Match to get 304 while it is unchanged.")
    @APIResponse(
            responseCode = "200",
            description = "The partnership",
            content = @Content(schema = @Schema(implementation = PartnershipView.class)))
    public Response get(@PathParam("id") UUID id) {
        Partnership partnership = partnerships.find(id).orElseThrow(() -> ApiException.notFound("Partnership", id));
        return Responses.ok(PartnershipView.of(partnership), partnership.version);
    }

    @POST
    @Path("/imports")
    @Consumes({ImportFile.CSV, ImportFile.NDJSON})
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Expensive
    @Operation(
            operationId = "importPartnerships",
            summary = "Import historical partnerships from a file, as a job",
            description = "CSV (RFC 4180, UTF-8, header row) or NDJSON (one JSON object per line), with the fields "
                    + "kind, formedOn and source, and each city by id (cityA, cityB) or by name and country "
                    + "(cityAName, cityACountry, cityBName, cityBCountry); area for a thematic partnership. "
                    + "Rows are checked as POST /api/v1/partnerships checks one; a pair already recorded for the "
                    + "kind is unchanged, so a file imported twice changes nothing. Every new partnership is "
                    + "announced (PartnershipFormed); the engine learns them in chunks and then re-ranks every "
                    + "city, a chunk at a time, while events go on. The job's result reports created, "
                    + "unchanged and every rejected row (line, field, problem). 202 with Location: the job.")
    @APIResponse(
            responseCode = "202",
            description = "Started",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "Not UTF-8, or a header that misses or misnames columns")
    @APIResponse(responseCode = "413", description = "Larger than the import limit (10 MiB by default)")
    @APIResponse(responseCode = "415", description = "Neither text/csv nor application/x-ndjson")
    public Response importFile(InputStream file, @BeanParam ImportRequest request) {
        return responses.accepted(imports.submit(file, request.contentType, request.options(), caller.subject()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(
            operationId = "recordPartnership",
            summary = "Record a partnership formed outside the platform",
            description = "E.g. a historical sister-city agreement, with its date and source, so existing ties are "
                    + "known from day one: the pair is no longer proposed, and it feeds the network feature. "
                    + "Publishes PartnershipFormed. Send an Idempotency-Key to make retries safe.")
    @APIResponse(
            responseCode = "201",
            description = "Recorded; Location and ETag set",
            content = @Content(schema = @Schema(implementation = PartnershipView.class)))
    @APIResponse(responseCode = "409", description = "This partnership is already recorded")
    public Response record(
            @Valid @NotNull RecordPartnershipRequest request,
            @Parameter(description = "Makes the POST safe to retry") @HeaderParam("Idempotency-Key") String key) {
        return partnerships.locked(() -> responses.created(key, "/api/v1/partnerships", request, () -> {
            Partnership partnership = partnerships.record(request.toCommand());
            return new Responses.Created(
                    PartnershipView.of(partnership), "/api/v1/partnerships/" + partnership.id, partnership.version);
        }));
    }
}
