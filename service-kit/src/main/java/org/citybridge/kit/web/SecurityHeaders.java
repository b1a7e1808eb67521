package org.citybridge.kit.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * What a response to a caller with credentials must not do: end up in a browser's or a proxy's cache,
 * where the next user of the machine could read it (an officer's view shows officials' contact data).
 * Headers every response carries (nosniff, no framing, no referrer) are set in configuration.
 */
public class SecurityHeaders {

    @ServerResponseFilter
    public void noStoreForAuthenticatedCallers(ContainerRequestContext request, ContainerResponseContext response) {
        boolean authenticated = request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || request.getSecurityContext().getUserPrincipal() != null;
        if (authenticated) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
