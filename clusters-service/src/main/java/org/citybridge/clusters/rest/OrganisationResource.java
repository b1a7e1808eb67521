package org.citybridge.clusters.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.citybridge.clusters.domain.Organisation;
import org.citybridge.clusters.domain.OrganisationKind;
import org.citybridge.clusters.service.ClusterImports;
import org.citybridge.clusters.service.OrganisationService;
import org.citybridge.kit.imports.ImportFile;
import org.citybridge.kit.imports.ImportRequest;
import org.citybridge.kit.paging.Page;
import org.citybridge.kit.paging.PageRequest;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.security.Caller;
import org.citybridge.kit.security.Roles;
import org.citybridge.kit.web.ETags;
import org.citybridge.kit.web.Expensive;
import org.citybridge.kit.web.JobView;
import org.citybridge.kit.web.QueryParams;
import org.citybridge.kit.web.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.Map;
import java.util.UUID;

import static org.citybridge.clusters.rest.ApiDocs.IDEMPOTENCY_DOC;
import static org.citybridge.clusters.rest.ApiDocs.IDEMPOTENCY_KEY;
import static org.citybridge.clusters.rest.ApiDocs.IF_MATCH_DOC;

/** Organisations that join clusters and facilitate exchanges. */
@Path("/api/v1/organisations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Organisations", description = "UN agencies, associations, development partners and academia")
public class OrganisationResource {

    private static final Map<String, String> SORTS =
            Map.of("name", "name", "kind", "kind", "country", "country", "createdAt", "createdAt");

    @Inject
    OrganisationService organisations;

    @Inject
    Responses responses;

    @Inject
    ClusterImports imports;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    @GET
    @Operation(
            operationId = "listOrganisations",
            summary = "List organisations",
            description = "Filter by text in the name, kind, country; sort by name, kind, country, createdAt")
    @APIResponse(responseCode = "200", description = "A page of organisations")
    public Page<OrganisationView> list(
            @QueryParam("q") String q,
            @QueryParam("kind") @Parameter(schema = @Schema(implementation = OrganisationKind.class)) String kind,
            @QueryParam("country") String country,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @QueryParam("sort") String sort) {
        PageRequest paging =
                PageRequest.of(page, size, sort, SORTS, Sort.by("name").and("id"));
        return organisations
                .list(
                        QueryParams.text("q", q),
                        QueryParams.enumValue(OrganisationKind.class, "kind", kind),
                        QueryParams.country("country", country),
                        paging)
                .map(OrganisationView::of);
    }

    @POST
    @Path("/imports")
    @Consumes({ImportFile.CSV, ImportFile.NDJSON})
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Expensive
    @Operation(
            operationId = "importOrganisations",
            summary = "Import organisations from a file, as a job",
            description =
                    "CSV (RFC 4180, UTF-8, header row: name, kind, country, website) or NDJSON (one organisation per line as "
                            + "POST /api/v1/organisations takes it). An organisation is known by its name: a row that changes "
                            + "nothing is unchanged. The job's result reports created, updated, unchanged and every rejected "
                            + "row (line, field, problem). 202 with Location: the job.")
    @APIResponse(
            responseCode = "202",
            description = "Started",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "Not UTF-8, or a header that misses or misnames columns")
    @APIResponse(responseCode = "413", description = "Larger than the import limit (10 MiB by default)")
    @APIResponse(responseCode = "415", description = "Neither text/csv nor application/x-ndjson")
    public Response importFile(InputStream file, @BeanParam ImportRequest request) {
        ClusterImportRows rows = new ClusterImportRows(mapper, validator, request.csv());
        return responses.accepted(imports.organisations(
                file, request.contentType, request.options(), caller.subject(), rows::organisation));
    }

    @GET
    @Path("/{id}")
    @Operation(
            operationId = "getOrganisation",
            summary = "Get an organisation",
            description =
                    "The organisation's profile. Answers with its ETag: send it in If-None-Match to get 304 while it is unchanged, or in If-Match to update it.")
    @APIResponse(
            responseCode = "200",
            description = "The organisation, with its ETag",
            content = @Content(schema = @Schema(implementation = OrganisationView.class)))
    public Response get(@PathParam("id") UUID id) {
        Organisation organisation = organisations.find(id).orElseThrow(() -> ApiException.notFound("Organisation", id));
        return Responses.ok(OrganisationView.of(organisation), organisation.version);
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(operationId = "createOrganisation", summary = "Create an organisation")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = OrganisationView.class)))
    @APIResponse(responseCode = "409", description = "Name taken")
    public Response create(
            @Valid @NotNull OrganisationRequest body,
            @HeaderParam(IDEMPOTENCY_KEY) @Parameter(description = IDEMPOTENCY_DOC) String idempotencyKey) {
        return responses.created(idempotencyKey, "/api/v1/organisations", body, () -> {
            Organisation organisation = organisations.create(body.toCommand());
            return new Responses.Created(
                    OrganisationView.of(organisation),
                    "/api/v1/organisations/" + organisation.id,
                    organisation.version);
        });
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(operationId = "updateOrganisation", summary = "Update an organisation", description = "Needs If-Match")
    @APIResponse(
            responseCode = "200",
            description = "Updated",
            content = @Content(schema = @Schema(implementation = OrganisationView.class)))
    @APIResponse(responseCode = "409", description = "Name taken")
    public Response update(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") @Parameter(description = IF_MATCH_DOC) String ifMatch,
            @Valid @NotNull OrganisationRequest body) {
        Organisation organisation = organisations.update(id, ETags.expectedVersion(ifMatch), body.toCommand());
        return Responses.ok(OrganisationView.of(organisation), organisation.version);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(
            operationId = "deleteOrganisation",
            summary = "Delete an organisation",
            description = "Needs If-Match; only organisations no membership or exchange refers to")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Still referred to")
    public Response delete(
            @PathParam("id") UUID id, @HeaderParam("If-Match") @Parameter(description = IF_MATCH_DOC) String ifMatch) {
        organisations.delete(id, ETags.expectedVersion(ifMatch));
        return Response.noContent().build();
    }
}
