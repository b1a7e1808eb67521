package org.citybridge.clusters.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.citybridge.kit.security.Caller;
import org.citybridge.kit.web.ETags;
import org.citybridge.kit.web.IdempotencyKeys;
import org.citybridge.kit.web.IdempotentResponse;

import java.util.function.Supplier;

/** The response shapes the resources share: ETag on single resources, idempotent 201 + Location on creates. */
@RequestScoped
class Responses {

    /** What a create produced: the body, its path under the API and its version. */
    record Created(Object body, String path, long version) {
    }

    private final IdempotencyKeys keys;
    private final Caller caller;
    private final UriInfo uriInfo;

    Responses(IdempotencyKeys keys, Caller caller, UriInfo uriInfo) {
        this.keys = keys;
        this.caller = caller;
        this.uriInfo = uriInfo;
    }

    static Response ok(Object body, long version) {
        return Response.ok(body).tag(ETags.of(version)).build();
    }

    /**
     * Runs a create once per {@code Idempotency-Key} (scoped to the caller and route) and answers 201
     * with Location and ETag; a replay answers the stored response and creates nothing.
     */
    Response created(String idempotencyKey, String route, Object request, Supplier<Created> create) {
        String scope = caller.subject() + " POST " + route;
        IdempotentResponse response = keys.execute(idempotencyKey, scope, request, () -> {
            Created created = create.get();
            String location = uriInfo.getBaseUriBuilder().path(created.path()).build().toString();
            return new IdempotentResponse(201, location, "\"" + created.version() + "\"", keys.json(created.body()));
        });
        return response.toResponse();
    }
}
