package org.citybridge.cities.rest;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.citybridge.cities.domain.Interest;
import org.citybridge.cities.service.InterestService;
import org.citybridge.kit.paging.Page;
import org.citybridge.kit.paging.PageRequest;
import org.citybridge.kit.security.Caller;
import org.citybridge.kit.security.Roles;
import org.citybridge.kit.web.QueryParams;
import org.citybridge.kit.web.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;
import java.util.UUID;

/** A city's cooperation interests. */
@Path("/api/v1/cities/{cityId}/interests")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Interests")
public class InterestResource {

    private static final Map<String, String> SORTS = Map.of("expressedAt", "expressedAt", "area", "area");

    @Inject
    InterestService interests;

    @Inject
    Caller caller;

    @Inject
    Responses responses;

    @GET
    @Operation(
            operationId = "listInterests",
            summary = "List a city's interests",
            description = "Active ones unless includeWithdrawn=true.")
    public Page<InterestResponse> list(
            @PathParam("cityId") UUID cityId,
            @QueryParam("includeWithdrawn")
                    @Parameter(schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
                    String includeWithdrawn,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @Parameter(example = "-expressedAt") @QueryParam("sort") String sort) {
        PageRequest request =
                PageRequest.of(page, size, sort, SORTS, Sort.by("expressedAt").and("id"));
        return interests
                .list(cityId, QueryParams.flag("includeWithdrawn", includeWithdrawn, false), request)
                .map(InterestResponse::of);
    }

    @GET
    @Path("/{interestId}")
    @Operation(
            operationId = "getInterest",
            summary = "Get one interest",
            description =
                    "One interest of the city: area, stance, intent, when it was expressed, and when withdrawn if it was.")
    public InterestResponse get(@PathParam("cityId") UUID cityId, @PathParam("interestId") UUID interestId) {
        return InterestResponse.of(interests.get(cityId, interestId));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CITY_OFFICER})
    @Operation(
            operationId = "expressInterest",
            summary = "State an interest",
            description = "Restating the same area, stance and intent updates the "
                    + "active interest (200) instead of adding one (201).")
    @APIResponse(
            responseCode = "201",
            description = "Interest created",
            content = @Content(schema = @Schema(implementation = InterestResponse.class)))
    @APIResponse(
            responseCode = "200",
            description = "Existing interest updated",
            content = @Content(schema = @Schema(implementation = InterestResponse.class)))
    @APIResponse(responseCode = "403", description = "Not an admin or this city's officer")
    @APIResponse(responseCode = "409", description = "The city is retired")
    public Response express(
            @PathParam("cityId") UUID cityId,
            @Valid @NotNull InterestRequest request,
            @HeaderParam("Idempotency-Key") String key) {
        caller.requireActsFor(cityId);
        return responses.createdOrUpdated(key, "/api/v1/cities/" + cityId + "/interests", request, () -> {
            InterestService.Expressed result = interests.express(cityId, request.toCommand());
            Interest interest = result.interest();
            return new Responses.CreatedOrUpdated(
                    InterestResponse.of(interest),
                    "/api/v1/cities/" + cityId + "/interests/" + interest.id,
                    result.created());
        });
    }

    @DELETE
    @Path("/{interestId}")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CITY_OFFICER})
    @Operation(
            operationId = "withdrawInterest",
            summary = "Withdraw an interest",
            description = "Withdrawing twice changes nothing.")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "403", description = "Not an admin or this city's officer")
    public Response withdraw(@PathParam("cityId") UUID cityId, @PathParam("interestId") UUID interestId) {
        caller.requireActsFor(cityId);
        interests.withdraw(cityId, interestId);
        return Response.noContent().build();
    }
}
