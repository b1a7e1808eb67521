package org.citybridge.kit.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.citybridge.kit.jobs.Job;
import org.citybridge.kit.jobs.Jobs;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.security.Caller;
import org.citybridge.kit.security.Roles;
import org.citybridge.kit.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** The jobs of a service: follow one, or cancel it. Programme staff see all; a partner system its own. */
@Path("/api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs", description = "Long work started by another request (202 with Location /api/v1/jobs/{id})")
public class JobResource {

    @Inject
    Jobs jobs;

    @Inject
    Caller caller;

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.PARTNER_SYSTEM})
    @Operation(operationId = "getJob", summary = "Get a job: state, progress (done, total, rate, time left), result")
    @APIResponse(
            responseCode = "200",
            description = "The job",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    public JobView get(@PathParam("id") UUID id) {
        return JobView.of(visible(id), Clock.now());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.PARTNER_SYSTEM})
    @Operation(
            operationId = "cancelJob",
            summary = "Ask a job to stop",
            description =
                    "It stops at its next safe point: what it committed stays, and its error says how far it got.")
    @APIResponse(
            responseCode = "202",
            description = "Cancellation asked (or the job had finished)",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    public Response cancel(@PathParam("id") UUID id) {
        visible(id);
        return Response.accepted(JobView.of(jobs.cancel(id), Clock.now())).build();
    }

    private Job visible(UUID id) {
        Job job = jobs.find(id).orElseThrow(() -> ApiException.notFound("Job", id));
        if (!caller.isAdmin() && !caller.subject().equals(job.requestedBy)) {
            throw ApiException.notFound("Job", id); // another partner's job is not there for this caller
        }
        return job;
    }
}
