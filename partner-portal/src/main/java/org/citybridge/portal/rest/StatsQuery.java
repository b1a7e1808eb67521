package org.citybridge.portal.rest;

import jakarta.ws.rs.QueryParam;
import org.citybridge.portal.service.PortalService;
import org.citybridge.portal.service.Views.StatsFilter;

/** The dashboard's query string: period (ISO dates), region, cluster. */
public class StatsQuery {

    @QueryParam("from")
    String from;

    @QueryParam("to")
    String to;

    @QueryParam("region")
    String region;

    @QueryParam("cluster")
    String cluster;

    StatsFilter filter() {
        return new StatsFilter(from, to, region, PortalService.optionalId(cluster));
    }

    /** The same filters as a query string (for the CSV link). */
    String asQuery() {
        StringBuilder query = new StringBuilder();
        append(query, "from", from);
        append(query, "to", to);
        append(query, "region", region);
        append(query, "cluster", cluster);
        return query.toString();
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.append(query.isEmpty() ? "" : "&").append(name).append('=').append(Frame.encode(value.trim()));
        }
    }
}
