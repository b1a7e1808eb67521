package org.citybridge.cities.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.citybridge.cities.domain.City;
import org.citybridge.cities.domain.CityPartner;
import org.citybridge.cities.service.CityExport;
import org.citybridge.cities.service.CityImport;
import org.citybridge.cities.service.CityQuery;
import org.citybridge.cities.service.CityService;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.kit.exports.Export;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The city directory. */
@Path("/api/v1/cities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cities")
public class CityResource {

    public static final String MERGE_PATCH = "application/merge-patch+json";
    private static final Map<String, String> SORTS =
            Map.of("name", "name", "country", "country", "population", "population", "createdAt", "createdAt");

    @Inject
    CityService cities;

    @Inject
    Caller caller;

    @Inject
    Responses responses;

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    @Inject
    CityImport imports;

    @Inject
    CityExport exports;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(
            operationId = "registerCity",
            summary = "Register a city",
            description = "Region and sub-region are derived from the country. "
                    + "Send an Idempotency-Key to make retries safe.")
    @APIResponse(
            responseCode = "201",
            description = "Registered; Location and ETag set",
            content = @Content(schema = @Schema(implementation = CityResponse.class)))
    @APIResponse(responseCode = "409", description = "A city with this name exists in this country")
    public Response register(
            @Valid @NotNull CityRequest request,
            @Parameter(description = "Makes the POST safe to retry") @HeaderParam("Idempotency-Key") String key) {
        return responses.created(key, "/api/v1/cities", request, () -> {
            City city = cities.register(request.toCommand());
            return new Responses.Created(view(city), "/api/v1/cities/" + city.id, city.version);
        });
    }

    @POST
    @Path("/imports")
    @Consumes({ImportFile.CSV, ImportFile.NDJSON})
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Expensive
    @Operation(
            operationId = "importCities",
            summary = "Import cities with their interests from a file, as a job",
            description = "CSV (RFC 4180, UTF-8, header row) with the columns name and country and any of "
                    + "localName, population, latitude, longitude, languages, description, associations and "
                    + "interests (lists separated by semicolons, an interest as area/STANCE/INTENT, e.g. "
                    + "culture/MUTUAL/SISTER_CITY); or NDJSON, one city per line as POST /api/v1/cities takes it "
                    + "with an interests list as POST /api/v1/cities/{cityId}/interests takes each. A city is "
                    + "known by name and country: a new one is registered, a known one gets the fields the row "
                    + "gives, and a row that changes nothing is unchanged, so a file imported twice changes "
                    + "nothing. Rows are checked as the single requests check them, whole before any write, and "
                    + "leave the same events. The job's result reports created, updated, unchanged and every "
                    + "rejected row (line, field, problem). 202 with Location: the job.")
    @APIResponse(
            responseCode = "202",
            description = "Started",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "Not UTF-8, or a header that misses or misnames columns")
    @APIResponse(responseCode = "413", description = "Larger than the import limit (10 MiB by default)")
    @APIResponse(responseCode = "415", description = "Neither text/csv nor application/x-ndjson")
    public Response importFile(InputStream file, @BeanParam ImportRequest request) {
        CityImportRows rows = new CityImportRows(mapper, validator, request.csv());
        return responses.accepted(
                imports.submit(file, request.contentType, request.options(), caller.subject(), rows::read));
    }

    @GET
    @Path("/export")
    @Produces({Export.CSV, Export.NDJSON, Export.GEOJSON})
    @Operation(
            operationId = "exportCities",
            summary = "Every city with its interests, streamed as CSV, NDJSON or GeoJSON",
            description = "Public fields only (never officials), as the Accept header asks: text/csv (the columns "
                    + "the import reads, with id, region and subRegion), application/x-ndjson (one city per line as "
                    + "POST /api/v1/cities takes it, with its interests) or application/geo+json (a point per city "
                    + "with coordinates). An export imports back unchanged. Retired cities are left out.")
    @APIResponse(responseCode = "200", description = "The cities, streamed")
    @APIResponse(responseCode = "406", description = "Another format was asked for")
    public Response export(@HeaderParam("Accept") String accept) {
        return exports.export().response(accept, mapper);
    }

    @GET
    @Path("/{id}")
    @Operation(
            operationId = "getCity",
            summary = "Get a city",
            description =
                    "Officials' email and phone are shown only to platform-admins " + "and the city's own officers.")
    @APIResponse(
            responseCode = "200",
            description = "The city, with its ETag",
            content = @Content(schema = @Schema(implementation = CityResponse.class)))
    public Response get(@PathParam("id") UUID id) {
        City city = cities.get(id);
        return Responses.ok(view(city), city.version);
    }

    @GET
    @Operation(
            operationId = "listCities",
            summary = "List cities",
            description = "Filters combine with AND; retired cities are hidden unless "
                    + "retired=true. Sort by name, country, population or createdAt; prefix - for descending.")
    @APIResponse(responseCode = "200", description = "One page of cities")
    public Page<CityResponse> list(
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @Parameter(example = "-population,name") @QueryParam("sort") String sort,
            @Parameter(description = "ISO 3166-1 alpha-2", example = "MX") @QueryParam("country") String country,
            @Parameter(description = "UN M49 region or sub-region", example = "Latin America and the Caribbean")
                    @QueryParam("region")
                    String region,
            @Parameter(
                            schema = @Schema(implementation = CooperationArea.class),
                            description = "cities with an active interest in this area",
                            example = "tourism")
                    @QueryParam("area")
                    String area,
            @QueryParam("stance") @Parameter(schema = @Schema(implementation = Stance.class)) String stance,
            @QueryParam("intent") @Parameter(schema = @Schema(implementation = Intent.class)) String intent,
            @Parameter(description = "text in the name or local name", example = "洛阳") @QueryParam("q") String text,
            @QueryParam("retired") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
                    String retired) {
        PageRequest request = PageRequest.of(
                page,
                size,
                sort,
                SORTS,
                io.quarkus.panache.common.Sort.by("name").and("id"));
        CityQuery query = new CityQuery(
                blank(country),
                blank(region),
                area == null ? null : CooperationArea.fromCode(area),
                stance == null ? null : Stance.parse(stance),
                intent == null ? null : Intent.parse(intent),
                text,
                QueryParams.flag("retired", retired, false));
        Page<City> found = cities.list(query, request);
        // the partners of the whole page in one query, not one per city
        Map<UUID, List<CityPartner>> partners =
                CityPartner.ofCities(found.items().stream().map(c -> c.id).toList());
        return found.map(city -> view(city, partners.getOrDefault(city.id, List.of())));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CITY_OFFICER})
    @Operation(
            operationId = "replaceCity",
            summary = "Replace a city's profile",
            description = "Requires If-Match with the current ETag.")
    @APIResponse(
            responseCode = "200",
            description = "Updated, new ETag set",
            content = @Content(schema = @Schema(implementation = CityResponse.class)))
    @APIResponse(responseCode = "403", description = "Not an admin or this city's officer")
    @APIResponse(responseCode = "409", description = "Retired city, or the new name is taken")
    public Response replace(
            @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull CityRequest request) {
        caller.requireActsFor(id);
        City city = cities.replace(id, ETags.expectedVersion(ifMatch), request.toCommand());
        return Responses.ok(view(city), city.version);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CITY_OFFICER})
    @Operation(
            operationId = "patchCity",
            summary = "Change part of a city's profile",
            description =
                    "JSON Merge Patch (RFC 7396) over the CityRequest fields; null removes a value. Requires If-Match.")
    @APIResponse(
            responseCode = "200",
            description = "Updated, new ETag set",
            content = @Content(schema = @Schema(implementation = CityResponse.class)))
    @APIResponse(responseCode = "403", description = "Not an admin or this city's officer")
    public Response patch(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") String ifMatch,
            @Schema(implementation = CityRequest.class) @NotNull JsonNode patch)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        caller.requireActsFor(id);
        if (!patch.isObject()) {
            throw ApiException.badRequest("body", "a merge patch must be a JSON object");
        }
        ObjectNode merged = mapper.valueToTree(CityRequest.of(cities.get(id)));
        mergePatch(merged, (ObjectNode) patch);
        CityRequest request = mapper.treeToValue(merged, CityRequest.class);
        Set<ConstraintViolation<CityRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        City city = cities.replace(id, ETags.expectedVersion(ifMatch), request.toCommand());
        return Responses.ok(view(city), city.version);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(
            operationId = "retireCity",
            summary = "Retire a city",
            description = "The city is kept for history, hidden from listings and "
                    + "no longer proposed. Retiring twice changes nothing.")
    @APIResponse(responseCode = "204", description = "Retired")
    public Response retire(@PathParam("id") UUID id) {
        cities.retire(id);
        return Response.noContent().build();
    }

    private CityResponse view(City city) {
        return view(city, CityPartner.ofCity(city.id));
    }

    /** Officials' contact data only for admins and the city's own officers. */
    private CityResponse view(City city, List<CityPartner> partners) {
        return CityResponse.of(city, partners, caller.actsFor(city.id));
    }

    /** RFC 7396: objects merge recursively, null removes, anything else replaces. */
    static void mergePatch(ObjectNode target, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value.isObject() && target.get(field.getKey()) instanceof ObjectNode existing) {
                mergePatch(existing, (ObjectNode) value);
            } else {
                target.set(field.getKey(), value);
            }
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
