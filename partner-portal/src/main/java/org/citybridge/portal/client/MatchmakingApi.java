package org.citybridge.portal.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.citybridge.portal.client.ApiModels.Page;
import org.citybridge.portal.client.ApiModels.Partnership;
import org.citybridge.portal.client.ApiModels.Proposal;
import org.citybridge.portal.client.ApiModels.RankedProposal;
import org.citybridge.portal.client.ApiModels.Stats;
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
    @Path("/proposals")
    Page<Proposal> proposalList(
            @QueryParam("status") String status,
            @QueryParam("area") String area,
            @QueryParam("page") int page,
            @QueryParam("size") int size);

    @GET
    @Path("/partnerships")
    Page<Partnership> partnerships(@QueryParam("page") int page, @QueryParam("size") int size);

    /** Programme figures (platform-admin). */
    @GET
    @Path("/stats")
    @Produces(MediaType.APPLICATION_JSON)
    Stats stats(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("region") String region,
            @QueryParam("clusterId") UUID cluster);

    /** The same figures as CSV, passed on as they come. */
    @GET
    @Path("/stats")
    @Produces("text/csv")
    String statsCsv(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("region") String region,
            @QueryParam("clusterId") UUID cluster);

    /** A pairing round: 201 with its result, or 202 with a job for a very large one. */
    @POST
    @Path("/pairing-rounds")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    jakarta.ws.rs.core.Response createRound(org.citybridge.portal.client.ApiModels.PairingRoundRequest request);

    @GET
    @Path("/pairing-rounds/{id}")
    org.citybridge.portal.client.ApiModels.PairingRound round(@PathParam("id") UUID id);

    /** Turns a round's pairs into proposals (once per round). */
    @POST
    @Path("/pairing-rounds/{id}/proposals")
    List<Proposal> roundProposals(@PathParam("id") UUID id);

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
