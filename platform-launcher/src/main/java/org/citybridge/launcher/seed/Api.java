package org.citybridge.launcher.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON client for the platform's public REST APIs, as a partner system would use them. */
public final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: status, parsed JSON body (null when empty or not JSON), and the Location header. */
    public record Answer(int status, JsonNode body, String location, String etag) {

        /** The answer, if its status is 2xx. */
        public Answer ok(String what) {
            if (status < 200 || status >= 300) {
                throw new IllegalStateException(what + " failed with HTTP " + status + ": " + body);
            }
            return this;
        }
    }

    public Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** POST of a JSON body with a bearer token and an Idempotency-Key (null: none). */
    public Answer post(String url, String token, String idempotencyKey, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(write(body)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    private Answer send(HttpRequest.Builder request) {
        request.header("Accept", "application/json").timeout(Duration.ofSeconds(30));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            if (!response.body().isBlank()) {
                try {
                    body = JSON.readTree(response.body());
                } catch (IOException notJson) {
                    body = JSON.getNodeFactory().textNode(response.body());
                }
            }
            return new Answer(response.statusCode(), body, response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("ETag").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(request.build().uri() + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String write(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
