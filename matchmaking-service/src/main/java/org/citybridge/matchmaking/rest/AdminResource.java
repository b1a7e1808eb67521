package org.citybridge.matchmaking.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.security.Caller;
import org.citybridge.kit.security.Roles;
import org.citybridge.kit.web.ETags;
import org.citybridge.kit.web.Expensive;
import org.citybridge.kit.web.JobView;
import org.citybridge.kit.web.Responses;
import org.citybridge.matchmaking.model.ModelService;
import org.citybridge.matchmaking.model.ModelVersion;
import org.citybridge.matchmaking.proposal.RescoreService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** Operations for programme staff: the matchmaking model and its versions, and re-ranking. */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
@RolesAllowed(Roles.PLATFORM_ADMIN)
public class AdminResource {

    /** Weights set by hand. */
    @Schema(description = "Weights set by hand, by feature key, and why")
    public record NewModelVersion(
            @NotNull @Size(min = 1, max = 100) Map<@NotBlank String, @NotNull Double> weights,
            @Size(max = 1000) String note) {}

    /** Which version of the model to activate. */
    @Schema(description = "The model version to activate")
    public record ActivateModel(@NotNull @Min(1) Integer version) {}

    @Inject
    RescoreService rescore;

    @Inject
    ModelService models;

    @Inject
    Responses responses;

    @Inject
    Caller caller;

    @POST
    @Path("/rescore")
    @Operation(
            operationId = "rescore",
            summary = "Re-rank every city from scratch, as a job",
            description = "Re-ranks every city with the active model, a chunk at a time while events go on being "
                    + "applied, and updates the proposals whose listing or score changed (none when nothing "
                    + "changed). 202 with Location: the job.")
    @APIResponse(
            responseCode = "202",
            description = "Started",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "409", description = "A rescore is already queued or running (named in the problem)")
    @Expensive
    public Response rescore() {
        return responses.accepted(rescore.rescore(caller.subject()));
    }

    @GET
    @Path("/model")
    @Operation(operationId = "getModel", summary = "The active model: its weights, version, and how it was made")
    @APIResponse(
            responseCode = "200",
            description = "The active model, with its ETag (for activating another)",
            content = @Content(schema = @Schema(implementation = ModelView.class)))
    public Response model() {
        ModelVersion active = models.active();
        return Responses.ok(ModelView.of(active), active.rowVersion);
    }

    @GET
    @Path("/model/versions")
    @Operation(operationId = "listModelVersions", summary = "Every version of the model, newest first")
    @APIResponse(responseCode = "200", description = "The versions")
    public List<ModelView> versions() {
        return models.versions().stream().map(ModelView::of).toList();
    }

    @GET
    @Path("/model/versions/{version}")
    @Operation(operationId = "getModelVersion", summary = "One version of the model, with its fit report")
    @APIResponse(
            responseCode = "200",
            description = "The version",
            content = @Content(schema = @Schema(implementation = ModelView.class)))
    public ModelView version(@PathParam("version") int version) {
        return ModelView.of(models.find(version).orElseThrow(() -> ApiException.notFound("Model version", version)));
    }

    @POST
    @Path("/model/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createModelVersion",
            summary = "Store weights set by hand as a new, inactive version",
            description = "For weights from an analysis of one's own, or a fitted version adjusted. Features not "
                    + "named keep the active version's weight; the country-pair statistics are learned from "
                    + "today's partnerships. Activate it with PUT /api/v1/admin/model.")
    @APIResponse(
            responseCode = "201",
            description = "Stored, with Location",
            content = @Content(schema = @Schema(implementation = ModelView.class)))
    public Response createVersion(
            @Parameter(description = "Makes the POST safe to retry") @HeaderParam("Idempotency-Key")
                    String idempotencyKey,
            @Valid @NotNull NewModelVersion body) {
        return responses.created(idempotencyKey, "/api/v1/admin/model/versions", body, () -> {
            ModelVersion created = models.create(body.weights(), body.note(), caller.subject());
            return new Responses.Created(
                    ModelView.of(created), "/api/v1/admin/model/versions/" + created.version, created.rowVersion);
        });
    }

    @POST
    @Path("/model/fits")
    @Operation(
            operationId = "fitModel",
            summary = "Fit weights to the platform's history, as a job",
            description = "Learns weights from the recorded partnerships (part of them held out) and the declined "
                    + "proposals, evaluates them against the active model on another held-out part, and stores them "
                    + "as a new, inactive version. The job's result names the version and its evaluation.")
    @APIResponse(
            responseCode = "202",
            description = "Started",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "409", description = "A fit is already queued or running (named in the problem)")
    @Expensive
    public Response fit() {
        return responses.accepted(models.fit(caller.subject()));
    }

    @PUT
    @Path("/model")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "activateModel",
            summary = "Activate a version of the model",
            description = "The version scores every pair from now on; ModelActivated is published and every city "
                    + "is re-ranked by a job (202 with Location), without a restart and while events go on. "
                    + "If-Match: the active model's ETag.")
    @APIResponse(
            responseCode = "202",
            description = "Activated; re-ranking started",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "409", description = "That version is already active")
    @Expensive
    public Response activate(@HeaderParam("If-Match") String ifMatch, @Valid @NotNull ActivateModel body) {
        return responses.accepted(models.activate(body.version(), ETags.expectedVersion(ifMatch), caller.subject()));
    }
}
