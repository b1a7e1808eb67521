package org.citybridge.portal.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.citybridge.portal.client.ApiModels.Cluster;
import org.citybridge.portal.client.ApiModels.Exchange;
import org.citybridge.portal.client.ApiModels.Membership;
import org.citybridge.portal.client.ApiModels.Page;
import org.citybridge.portal.client.ApiModels.SurveyResponse;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/** clusters-service's public API, as far as the portal reads it. */
@RegisterRestClient(configKey = "clusters")
@RegisterClientHeaders(CallerHeaders.class)
@Path("/api/v1")
public interface ClustersApi {

    @GET
    @Path("/clusters")
    Page<Cluster> clusters(@QueryParam("size") int size, @QueryParam("sort") String sort);

    @GET
    @Path("/clusters/{id}/members")
    Page<Membership> members(@PathParam("id") UUID cluster, @QueryParam("size") int size);

    /** An exchange's survey answers: all for an admin, only their city's for an officer. */
    @GET
    @Path("/exchanges/{id}/survey-responses")
    Page<SurveyResponse> surveyResponses(@PathParam("id") UUID exchange, @QueryParam("size") int size);

    @GET
    @Path("/exchanges")
    Page<Exchange> exchanges(
            @QueryParam("cityId") UUID city,
            @QueryParam("clusterId") UUID cluster,
            @QueryParam("size") int size,
            @QueryParam("sort") String sort);
}
