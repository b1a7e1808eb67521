package org.citybridge.kit.web;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Reads a client or a cache can reuse: a read whose answer carries an ETag is answered 304 Not Modified
 * (no body) when the request's If-None-Match names that ETag, and an anonymous read may be stored but is
 * revalidated each time ({@code public, no-cache}, varying with Authorization), so a front-end keeps its copy
 * and asks only whether it changed. Reads with credentials stay {@code no-store} ({@link SecurityHeaders}).
 */
public class ConditionalReads {

    @ServerResponseFilter
    public void notModifiedAndCacheable(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method) || response.getStatus() != 200) {
            return;
        }
        boolean anonymous = request.getHeaderString(HttpHeaders.AUTHORIZATION) == null
                && request.getSecurityContext().getUserPrincipal() == null;
        if (anonymous && !response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "public, no-cache");
            Vary.add(response.getHeaders(), HttpHeaders.AUTHORIZATION);
        }
        Object etag = response.getHeaders().getFirst(HttpHeaders.ETAG);
        String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (etag != null && ifNoneMatch != null && matches(ifNoneMatch, etag.toString())) {
            response.setStatus(304);
            response.setEntity(null);
        }
    }

    /** RFC 9110 weak comparison: {@code *}, or any listed tag equal to the current one, W/ prefixes aside. */
    static boolean matches(String ifNoneMatch, String etag) {
        String current = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || opaque(tag).equals(current)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
