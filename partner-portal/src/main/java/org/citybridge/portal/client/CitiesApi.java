package org.citybridge.portal.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.citybridge.portal.client.ApiModels.City;
import org.citybridge.portal.client.ApiModels.Interest;
import org.citybridge.portal.client.ApiModels.InterestRequest;
import org.citybridge.portal.client.ApiModels.Page;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/** cities-service's public API, as far as the portal reads it. */
@RegisterRestClient(configKey = "cities")
@RegisterClientHeaders(CallerHeaders.class)
@Path("/api/v1")
public interface CitiesApi {

    @GET
    @Path("/cities")
    Page<City> cities(
            @QueryParam("q") String q,
            @QueryParam("country") String country,
            @QueryParam("region") String region,
            @QueryParam("area") String area,
            @QueryParam("stance") String stance,
            @QueryParam("intent") String intent,
            @QueryParam("page") int page,
            @QueryParam("size") int size,
            @QueryParam("sort") String sort);

    @GET
    @Path("/cities/{id}")
    City city(@PathParam("id") UUID id);

    @POST
    @Path("/cities/{id}/interests")
    @Consumes(MediaType.APPLICATION_JSON)
    Interest stateInterest(@PathParam("id") UUID city, InterestRequest interest);

    @DELETE
    @Path("/cities/{id}/interests/{interest}")
    void withdrawInterest(@PathParam("id") UUID city, @PathParam("interest") UUID interest);

    @GET
    @Path("/cities/{id}/interests")
    Page<Interest> interests(@PathParam("id") UUID id, @QueryParam("size") int size);
}
