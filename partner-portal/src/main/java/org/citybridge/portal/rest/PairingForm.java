package org.citybridge.portal.rest;

import jakarta.ws.rs.FormParam;
import org.citybridge.portal.client.ApiModels.PairingRoundRequest;
import org.citybridge.portal.service.PortalService;

/** The pairing-round form: two groups by country, cluster and area; kind, area, method, partners per city. */
public class PairingForm {

    @FormParam("countryA")
    String countryA;

    @FormParam("clusterA")
    String clusterA;

    @FormParam("areaA")
    String areaA;

    @FormParam("countryB")
    String countryB;

    @FormParam("clusterB")
    String clusterB;

    @FormParam("areaB")
    String areaB;

    @FormParam("kind")
    String kind;

    @FormParam("area")
    String area;

    @FormParam("method")
    String method;

    @FormParam("capacity")
    Integer capacity;

    PairingRoundRequest request() {
        return new PairingRoundRequest(
                PortalService.group(countryA, clusterA, areaA),
                PortalService.group(countryB, clusterB, areaB),
                kind,
                area == null || area.isBlank() ? null : area,
                capacity,
                method == null || method.isBlank() ? null : method);
    }
}
