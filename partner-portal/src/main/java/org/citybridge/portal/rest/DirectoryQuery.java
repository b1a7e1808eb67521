package org.citybridge.portal.rest;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.citybridge.portal.service.Directory;

/** The directory's query string. */
public class DirectoryQuery {

    @QueryParam("q")
    String q;

    @QueryParam("country")
    String country;

    @QueryParam("region")
    String region;

    @QueryParam("area")
    String area;

    @QueryParam("stance")
    String stance;

    @QueryParam("intent")
    String intent;

    @QueryParam("page")
    @DefaultValue("0")
    int page;

    Directory.Filter filter() {
        return new Directory.Filter(q, country, region, area, stance, intent, page);
    }
}
