package org.citybridge.kit.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.citybridge.kit.security.Caller;

import java.util.function.Supplier;

/**
 * The response shapes every resource shares: a single resource with its ETag, and the idempotent
 * create answering 201 with an absolute {@code Location} and the new resource's ETag.
 */
@RequestScoped
public class Responses {

    /**
     * What a create produced.
     *
     * @param body    the new resource's view
     * @param path    its path under the API root, e.g. {@code /api/v1/cities/{id}}
     * @param version its version, the ETag
     */
    public record Created(Object body, String path, long version) {
    }

    private final IdempotencyKeys keys;
    private final Caller caller;
    private final UriInfo uriInfo;

    public Responses(IdempotencyKeys keys, Caller caller, UriInfo uriInfo) {
        this.keys = keys;
        this.caller = caller;
        this.uriInfo = uriInfo;
    }

    /** 200 with the body and the version as ETag. */
    public static Response ok(Object body, long version) {
        return Response.ok(body).tag(ETags.of(version)).build();
    }

    /**
     * Runs a create once per {@code Idempotency-Key} (scoped to the caller and route) and answers 201
     * with Location and ETag; a replay answers the stored response and creates nothing.
     *
     * @param route   the route as the key's scope, e.g. {@code /api/v1/cities}
     * @param request the request body: the same key with another body is a 422
     */
    public Response created(String idempotencyKey, String route, Object request, Supplier<Created> create) {
        String scope = caller.subject() + " POST " + route;
        IdempotentResponse response = keys.execute(idempotencyKey, scope, request, () -> {
            Created created = create.get();
            String location = uriInfo.getBaseUriBuilder().path(created.path()).build().toString();
            return new IdempotentResponse(201, location, ETags.of(created.version()).toString(), keys.json(created.body()));
        });
        return response.toResponse();
    }
}
