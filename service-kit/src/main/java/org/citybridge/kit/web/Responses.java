package org.citybridge.kit.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.citybridge.kit.jobs.Job;
import org.citybridge.kit.security.Caller;
import org.citybridge.kit.time.Clock;

import java.util.function.Supplier;

/**
 * The response shapes every resource shares: a single resource with its ETag, and the idempotent
 * create answering 201 with an absolute {@code Location} and the new resource's ETag (or, for a write
 * that creates or updates, 201 or 200 with the {@code Location}).
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
    public record Created(Object body, String path, long version) {}

    /**
     * What a write that creates a resource or updates the matching one produced, for resources without
     * a version (no ETag).
     *
     * @param body    the resource's view
     * @param path    its path under the API root
     * @param created true if the write created it (201), false if it updated an existing one (200)
     */
    public record CreatedOrUpdated(Object body, String path, boolean created) {}

    @Inject
    IdempotencyKeys keys;

    @Inject
    Caller caller;

    @Inject
    UriInfo uriInfo;

    /** 202 for work that runs as a job: Location is the job, the body its state. */
    public Response accepted(Job job) {
        return Response.accepted(JobView.of(job, Clock.now()))
                .location(uriInfo.getBaseUriBuilder()
                        .path("/api/v1/jobs/" + job.id)
                        .build())
                .build();
    }

    /** 200 with the body and the version as ETag. */
    public static Response ok(Object body, long version) {
        return Response.ok(body).tag(ETags.of(version)).build();
    }

    /** 200 with the ETag of one variant of the resource ({@link ETags#of(long, String)}). */
    public static Response ok(Object body, long version, String variant) {
        return Response.ok(body).tag(ETags.of(version, variant)).build();
    }

    /**
     * Runs a create once per {@code Idempotency-Key} (scoped to the caller and route) and answers 201
     * with Location and ETag; a replay answers the stored response and creates nothing.
     *
     * @param route   the route as the key's scope, e.g. {@code /api/v1/cities}
     * @param request the request body: the same key with another body is a 422
     */
    public Response created(String idempotencyKey, String route, Object request, Supplier<Created> create) {
        return once(idempotencyKey, route, request, () -> {
            Created created = create.get();
            return new IdempotentResponse(
                    201, location(created.path()), ETags.of(created.version()).toString(), keys.json(created.body()));
        });
    }

    /**
     * As {@link #created}, for a write that creates a resource or updates the matching one: 201 or 200,
     * both with Location; a replay answers the stored response and writes nothing.
     */
    public Response createdOrUpdated(
            String idempotencyKey, String route, Object request, Supplier<CreatedOrUpdated> write) {
        return once(idempotencyKey, route, request, () -> {
            CreatedOrUpdated written = write.get();
            return new IdempotentResponse(
                    written.created() ? 201 : 200, location(written.path()), null, keys.json(written.body()));
        });
    }

    /** Runs the write once per key, scoped to the caller and route. */
    private Response once(String idempotencyKey, String route, Object request, Supplier<IdempotentResponse> write) {
        String scope = caller.subject() + " POST " + route;
        return keys.execute(idempotencyKey, scope, request, write).toResponse();
    }

    private String location(String path) {
        return uriInfo.getBaseUriBuilder().path(path).build().toString();
    }
}
