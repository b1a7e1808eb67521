package org.citybridge.kit.web;

import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * The response of a create, as stored for {@code Idempotency-Key} replays.
 *
 * @param body JSON text
 */
public record IdempotentResponse(int status, String location, String etag, String body) {

    public Response toResponse() {
        Response.ResponseBuilder builder =
                Response.status(status).type("application/json").entity(body);
        if (location != null) {
            builder.location(URI.create(location));
        }
        if (etag != null) {
            builder.header("ETag", etag);
        }
        return builder.build();
    }
}
