package org.citybridge.portal.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Locale;

/**
 * Every page says how long the portal took to make it ({@code Server-Timing: app;dur=12.3}, in milliseconds, the
 * API calls included): the server time that the 300 ms target of a city page is about, readable in a browser's
 * developer tools and by the end-to-end tests without the client's share.
 */
public class ServerTiming {

    private static final String STARTED = ServerTiming.class.getName() + ".started";

    @ServerRequestFilter(preMatching = true)
    public void start(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @ServerResponseFilter
    public void report(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(STARTED) instanceof Long started) {
            response.getHeaders()
                    .putSingle(
                            "Server-Timing",
                            String.format(Locale.ROOT, "app;dur=%.1f", (System.nanoTime() - started) / 1e6));
        }
    }
}
