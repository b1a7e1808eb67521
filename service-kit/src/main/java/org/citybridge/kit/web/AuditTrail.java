package org.citybridge.kit.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.citybridge.kit.security.Caller;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The audit trail: one structured record per write (POST, PUT, PATCH, DELETE under {@code /api/}),
 * done or refused, on the log category {@value #CATEGORY} as one JSON object per line: who (token
 * subject, an opaque id; roles; the city an officer acts for), what (operation and path, which hold only
 * ids), the outcome (status) and the trace id. Never a token, a body or a name: bodies may hold personal
 * data. Every API answer carries the trace id in {@value #REQUEST_ID}, so a caller can quote it; it is the
 * request's OpenTelemetry trace while tracing is on, else it comes from a W3C {@code traceparent} or an
 * {@code X-Request-Id} the caller sent, or is made here.
 */
public class AuditTrail {

    public static final String CATEGORY = "citybridge.audit";
    public static final String REQUEST_ID = "X-Request-Id";

    private static final Logger AUDIT = Logger.getLogger(CATEGORY);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACE_ID = AuditTrail.class.getName() + ".traceId";
    private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");
    private static final Pattern SAFE_ID = Pattern.compile("^[A-Za-z0-9._-]{1,100}$");

    @Inject
    CurrentIdentityAssociation identities;

    @ServerRequestFilter(preMatching = true)
    public void traceId(ContainerRequestContext request) {
        request.setProperty(TRACE_ID, traceIdOf(request));
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Uni.createFrom().voidItem();
        }
        String traceId = (String) request.getProperty(TRACE_ID);
        if (traceId != null) {
            response.getHeaders().putSingle(REQUEST_ID, traceId);
        }
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return Uni.createFrom().voidItem();
        }
        int status = response.getStatus();
        String action = action(method, resource);
        String target = request.getUriInfo().getRequestUri().getRawPath();
        // the identity without blocking: this may run on an I/O thread (a request refused by a filter)
        return identities
                .getDeferredIdentity()
                .onFailure()
                .recoverWithNull() // an invalid token: recorded as anonymous
                .invoke(identity -> {
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("subject", Caller.auditSubject(identity));
                    record.put("roles", Caller.platformRoles(identity));
                    Caller.officerCity(identity).ifPresent(city -> record.put("city", city.toString()));
                    record.put("action", action);
                    record.put("target", target);
                    record.put("outcome", outcome(status));
                    record.put("status", status);
                    record.put("traceId", traceId);
                    try {
                        AUDIT.info(JSON.writeValueAsString(record));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .replaceWithVoid();
    }

    /** {@code done}, {@code refused} (no token, wrong role or city, over the rate limit), {@code rejected} or {@code failed}. */
    private static String outcome(int status) {
        if (status < 400) {
            return "done";
        }
        if (status == 401 || status == 403 || status == 429) {
            return "refused";
        }
        return status < 500 ? "rejected" : "failed";
    }

    /** {@code POST CityResource.register}: the operation, readable and stable across releases. */
    private static String action(String method, ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null) {
            return method;
        }
        return method + " " + resource.getResourceClass().getSimpleName() + "."
                + resource.getResourceMethod().getName();
    }

    private static String traceIdOf(ContainerRequestContext request) {
        SpanContext traced = Span.current().getSpanContext();
        if (traced.isValid()) {
            return traced.getTraceId(); // tracing on: the request's trace, as the log lines and the events carry it
        }
        String traceparent = request.getHeaderString("traceparent");
        if (traceparent != null) {
            var matcher = TRACEPARENT.matcher(traceparent.trim());
            if (matcher.matches()) {
                return matcher.group(1);
            }
        }
        String given = request.getHeaderString(REQUEST_ID);
        if (given != null && SAFE_ID.matcher(given).matches()) {
            return given;
        }
        return UUID.randomUUID().toString().replace("-", "");
    }
}
