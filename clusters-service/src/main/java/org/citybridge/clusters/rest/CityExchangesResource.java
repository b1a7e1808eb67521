package org.citybridge.clusters.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.citybridge.clusters.domain.ExchangeStatus;
import org.citybridge.clusters.service.ExchangeService;
import org.citybridge.kit.paging.Page;
import org.citybridge.kit.paging.PageRequest;
import org.citybridge.kit.web.QueryParams;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** A city's exchange history, as seen from clusters-service. */
@Path("/api/v1/cities/{cityId}/exchanges")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Exchanges")
public class CityExchangesResource {

    @Inject
    ExchangeService exchanges;

    @GET
    @Operation(
            operationId = "listCityExchanges",
            summary = "A city's exchange history",
            description =
                    "Exchanges the city took part in, newest first; " + "same filters and sorting as the exchange list")
    @APIResponse(responseCode = "200", description = "A page of exchanges")
    public Page<ExchangeView> history(
            @PathParam("cityId") UUID cityId,
            @QueryParam("status") @Parameter(schema = @Schema(implementation = ExchangeStatus.class)) String status,
            @QueryParam("from") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date")) String from,
            @QueryParam("to") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date")) String to,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @QueryParam("sort") String sort) {
        PageRequest paging = PageRequest.of(page, size, sort, ExchangeResource.SORTS, ExchangeResource.DEFAULT_SORT);
        return exchanges
                .list(
                        null,
                        null,
                        cityId,
                        QueryParams.date("from", from),
                        QueryParams.date("to", to),
                        QueryParams.enumValue(ExchangeStatus.class, "status", status),
                        paging)
                .map(ExchangeView::of);
    }
}
