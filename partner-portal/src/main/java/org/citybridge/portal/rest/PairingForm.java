package org.citybridge.portal.rest;

import jakarta.ws.rs.FormParam;

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

    PairingChoice choice() {
        return new PairingChoice(countryA, clusterA, areaA, countryB, clusterB, areaB, kind, area, method, capacity);
    }
}
