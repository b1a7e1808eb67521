package org.citybridge.portal.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.citybridge.portal.client.ApiModels.Proposal;
import org.citybridge.portal.client.ApiModels.RankedProposal;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.UUID;

/** matchmaking-service's public API, as far as the portal uses it. */
@RegisterRestClient(configKey = "matchmaking")
@RegisterClientHeaders(CallerHeaders.class)
@Path("/api/v1")
public interface MatchmakingApi {

    @GET
    @Path("/cities/{id}/proposals")
    List<RankedProposal> proposals(@PathParam("id") UUID city);

    @GET
    @Path("/proposals/{id}")
    Proposal proposal(@PathParam("id") UUID id);

    /** {@code cityId} names the side for a platform-admin; an officer's side comes from the token. */
    @POST
    @Path("/proposals/{id}/accept")
    Proposal accept(@PathParam("id") UUID id, @QueryParam("cityId") UUID side, @HeaderParam("If-Match") String ifMatch);

    @POST
    @Path("/proposals/{id}/decline")
    Proposal decline(
            @PathParam("id") UUID id, @QueryParam("cityId") UUID side, @HeaderParam("If-Match") String ifMatch);
}
