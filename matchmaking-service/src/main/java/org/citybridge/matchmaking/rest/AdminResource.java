package org.citybridge.matchmaking.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.citybridge.kit.security.Roles;
import org.citybridge.matchmaking.proposal.RescoreService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operations for programme staff. */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class AdminResource {

    @Inject
    RescoreService rescore;

    @POST
    @Path("/rescore")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(
            summary = "Re-rank every city from scratch",
            description = "After a weight change (configuration citybridge.matchmaking.weights.*, then restart): "
                    + "recomputes every city's top list and updates the proposals. Reports how long it took.")
    @APIResponse(responseCode = "200", description = "Done, with timings")
    public RescoreService.RescoreReport rescore() {
        return rescore.rescoreAll();
    }
}
