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
import org.citybridge.clusters.domain.Exchange;
import org.citybridge.clusters.domain.ExchangeStatus;
import org.citybridge.clusters.domain.SurveyResponse;
import org.citybridge.clusters.service.ClusterImports;
import org.citybridge.clusters.service.ExchangeService;
import org.citybridge.clusters.service.SurveyService;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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

/** Exchanges (video conferences, study courses, webinars, ...) and their post-exchange surveys. */
@Path("/api/v1/exchanges")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Exchanges", description = "Facilitated exchanges between cities: PLANNED, then HELD or CANCELLED")
public class ExchangeResource {

    static final Map<String, String> SORTS =
            Map.of("startDate", "startDate", "title", "title", "status", "status", "createdAt", "createdAt");
    static final Sort DEFAULT_SORT =
            Sort.by("startDate", Sort.Direction.Descending).and("id");
    private static final Map<String, String> SURVEY_SORTS = Map.of("recordedAt", "recordedAt", "rating", "rating");

    @Inject
    ExchangeService exchanges;

    @Inject
    SurveyService surveys;

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
            operationId = "listExchanges",
            summary = "List exchanges",
            description = "Filters (combined with AND): text in the title, cluster, "
                    + "participating city, date range (exchanges overlapping from..to, ISO dates), status. "
                    + "Sort by startDate (default, newest first), title, status, createdAt")
    @APIResponse(responseCode = "200", description = "A page of exchanges")
    public Page<ExchangeView> list(
            @QueryParam("q") String q,
            @QueryParam("clusterId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                    String clusterId,
            @QueryParam("cityId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String cityId,
            @QueryParam("from")
                    @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date"), description = "yyyy-mm-dd")
                    String from,
            @QueryParam("to")
                    @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date"), description = "yyyy-mm-dd")
                    String to,
            @QueryParam("status") @Parameter(schema = @Schema(implementation = ExchangeStatus.class)) String status,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @QueryParam("sort") String sort) {
        PageRequest paging = PageRequest.of(page, size, sort, SORTS, DEFAULT_SORT);
        return exchanges
                .list(
                        QueryParams.text("q", q),
                        QueryParams.uuid("clusterId", clusterId),
                        QueryParams.uuid("cityId", cityId),
                        QueryParams.date("from", from),
                        QueryParams.date("to", to),
                        QueryParams.enumValue(ExchangeStatus.class, "status", status),
                        paging)
                .map(ExchangeView::of);
    }

    @POST
    @Path("/imports")
    @Consumes({ImportFile.CSV, ImportFile.NDJSON})
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Expensive
    @Operation(
            operationId = "importExchanges",
            summary = "Import exchanges with their participants from a file, as a job",
            description = "CSV (RFC 4180, UTF-8, header row: title, format, startDate, endDate, and any of clusterId, "
                    + "facilitatorIds, participantCityIds, topics (lists separated by semicolons), participants "
                    + "(Name|CC;...), outcomeNotes, held) or NDJSON (one exchange per line as POST /api/v1/exchanges "
                    + "takes it, with held and participants). An exchange is known by title and start date; held=true "
                    + "holds it once planned (ExchangeScheduled, then ExchangeHeld). A row that changes nothing is "
                    + "unchanged. 202 with Location: the job.")
    @APIResponse(
            responseCode = "202",
            description = "Started",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "Not UTF-8, or a header that misses or misnames columns")
    @APIResponse(responseCode = "413", description = "Larger than the import limit (10 MiB by default)")
    @APIResponse(responseCode = "415", description = "Neither text/csv nor application/x-ndjson")
    public Response importFile(InputStream file, @BeanParam ImportRequest request) {
        ClusterImportRows rows = new ClusterImportRows(mapper, validator, request.csv());
        return responses.accepted(
                imports.exchanges(file, request.contentType, request.options(), caller.subject(), rows::exchange));
    }

    @GET
    @Path("/{id}")
    @Operation(
            operationId = "getExchange",
            summary = "Get an exchange",
            description =
                    "The exchange with its format, dates and participants. Answers with its ETag: send it in If-None-Match to get 304 while it is unchanged, or in If-Match to change it.")
    @APIResponse(
            responseCode = "200",
            description = "The exchange, with its ETag",
            content = @Content(schema = @Schema(implementation = ExchangeView.class)))
    public Response get(@PathParam("id") UUID id) {
        Exchange exchange = exchanges.find(id).orElseThrow(() -> ApiException.notFound("Exchange", id));
        return Responses.ok(ExchangeView.of(exchange), exchange.version);
    }

    @POST
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.PARTNER_SYSTEM})
    @Operation(
            operationId = "createExchange",
            summary = "Plan an exchange",
            description = "Starts PLANNED; announced with ExchangeScheduled")
    @APIResponse(
            responseCode = "201",
            description = "Planned",
            content = @Content(schema = @Schema(implementation = ExchangeView.class)))
    @APIResponse(responseCode = "422", description = "Unknown or retired city, unknown cluster or organisation")
    public Response create(
            @Valid @NotNull ExchangeRequest body,
            @HeaderParam(IDEMPOTENCY_KEY) @Parameter(description = IDEMPOTENCY_DOC) String idempotencyKey) {
        return responses.created(idempotencyKey, "/api/v1/exchanges", body, () -> {
            Exchange exchange = exchanges.create(body.toCommand());
            return new Responses.Created(
                    ExchangeView.of(exchange), "/api/v1/exchanges/" + exchange.id, exchange.version);
        });
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.PARTNER_SYSTEM})
    @Operation(
            operationId = "updateExchange",
            summary = "Change the plan of a PLANNED exchange",
            description = "Needs If-Match; announced again with ExchangeScheduled")
    @APIResponse(
            responseCode = "200",
            description = "Updated",
            content = @Content(schema = @Schema(implementation = ExchangeView.class)))
    @APIResponse(responseCode = "409", description = "Exchange already held or cancelled")
    @APIResponse(responseCode = "422", description = "Unknown or retired city, unknown cluster or organisation")
    public Response update(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") @Parameter(description = IF_MATCH_DOC) String ifMatch,
            @Valid @NotNull ExchangeRequest body) {
        Exchange exchange = exchanges.update(id, ETags.expectedVersion(ifMatch), body.toCommand());
        return Responses.ok(ExchangeView.of(exchange), exchange.version);
    }

    @POST
    @Path("/{id}/hold")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.PARTNER_SYSTEM})
    @Operation(
            operationId = "holdExchange",
            summary = "Record that a PLANNED exchange was held",
            description = "Needs If-Match; announced with "
                    + "ExchangeHeld (participants and topics). Surveys open once held")
    @APIResponse(
            responseCode = "200",
            description = "Held",
            content = @Content(schema = @Schema(implementation = ExchangeView.class)))
    @APIResponse(responseCode = "409", description = "Not PLANNED")
    public Response hold(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") @Parameter(description = IF_MATCH_DOC) String ifMatch,
            @Valid HoldRequest body) {
        String outcomeNotes = body == null ? null : body.outcomeNotes();
        Exchange exchange = exchanges.hold(id, ETags.expectedVersion(ifMatch), outcomeNotes);
        return Responses.ok(ExchangeView.of(exchange), exchange.version);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.PARTNER_SYSTEM})
    @Operation(
            operationId = "cancelExchange",
            summary = "Cancel a PLANNED exchange",
            description = "Needs If-Match; announced with ExchangeCancelled")
    @APIResponse(
            responseCode = "200",
            description = "Cancelled",
            content = @Content(schema = @Schema(implementation = ExchangeView.class)))
    @APIResponse(responseCode = "409", description = "Not PLANNED")
    public Response cancel(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") @Parameter(description = IF_MATCH_DOC) String ifMatch,
            @Valid @NotNull CancelRequest body) {
        Exchange exchange = exchanges.cancel(id, ETags.expectedVersion(ifMatch), body.reason());
        return Responses.ok(ExchangeView.of(exchange), exchange.version);
    }

    @GET
    @Path("/{id}/survey-responses")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CITY_OFFICER})
    @Operation(
            operationId = "listSurveyResponses",
            summary = "List an exchange's survey responses",
            description = "Admins see all; a city officer sees only " + "their city's. Sort by recordedAt, rating")
    @APIResponse(responseCode = "200", description = "A page of survey responses")
    @APIResponse(responseCode = "403", description = "Not an admin or city officer, or asking for another city")
    public Page<SurveyResponseView> surveyResponses(
            @PathParam("id") UUID id,
            @QueryParam("cityId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String cityId,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @QueryParam("sort") String sort) {
        PageRequest paging = PageRequest.of(
                page, size, sort, SURVEY_SORTS, Sort.by("recordedAt").and("id"));
        return surveys.list(id, QueryParams.uuid("cityId", cityId), paging).map(SurveyResponseView::of);
    }

    @GET
    @Path("/{id}/survey-responses/{responseId}")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CITY_OFFICER})
    @Operation(
            operationId = "getSurveyResponse",
            summary = "Get one survey response",
            description = "Admins, and the officer of the answering city")
    @APIResponse(
            responseCode = "200",
            description = "The response",
            content = @Content(schema = @Schema(implementation = SurveyResponseView.class)))
    @APIResponse(responseCode = "403", description = "Another city's response")
    public Response surveyResponse(@PathParam("id") UUID id, @PathParam("responseId") UUID responseId) {
        SurveyResponse response =
                surveys.find(id, responseId).orElseThrow(() -> ApiException.notFound("Survey response", responseId));
        return Responses.ok(SurveyResponseView.of(response), response.version);
    }

    @POST
    @Path("/{id}/survey-responses")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CITY_OFFICER})
    @Operation(
            operationId = "answerSurvey",
            summary = "Answer the survey of a held exchange",
            description = "By the city's own officer or an admin; "
                    + "one response per participating city. Announced with SurveyResponseRecorded, from which cities-service "
                    + "records the stated interests")
    @APIResponse(
            responseCode = "201",
            description = "Recorded",
            content = @Content(schema = @Schema(implementation = SurveyResponseView.class)))
    @APIResponse(responseCode = "403", description = "Wrong role, or an officer of another city")
    @APIResponse(responseCode = "409", description = "The city already answered")
    @APIResponse(
            responseCode = "422",
            description = "Exchange not held yet, city did not take part, or unknown/retired city")
    public Response answerSurvey(
            @PathParam("id") UUID id,
            @Valid @NotNull SurveyResponseRequest body,
            @HeaderParam(IDEMPOTENCY_KEY) @Parameter(description = IDEMPOTENCY_DOC) String idempotencyKey) {
        return responses.created(idempotencyKey, "/api/v1/exchanges/" + id + "/survey-responses", body, () -> {
            SurveyResponse response = surveys.submit(id, body.toCommand());
            return new Responses.Created(
                    SurveyResponseView.of(response),
                    "/api/v1/exchanges/" + id + "/survey-responses/" + response.id,
                    response.version);
        });
    }
}
