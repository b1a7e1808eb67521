package org.citybridge.clusters.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** A small JSON-over-HTTP client for the platform's public APIs (no framework needed). */
public final class ApiClient {

    /** One answer: status, JSON body (NullNode when empty) and ETag. */
    public record Reply(int status, JsonNode body, String etag) {

        public boolean is(int expected) {
            return status == expected;
        }
    }

    /** An answer the caller did not expect, with the problem detail the service sent. */
    public static final class ApiCallException extends RuntimeException {

        private final int status;

        ApiCallException(String call, Reply reply) {
            super(call + " answered " + reply.status() + ": " + reply.body());
            this.status = reply.status();
        }

        public int status() {
            return status;
        }
    }

    private final URI base;
    private final Supplier<String> bearerToken;
    private final HttpClient http;
    private final ObjectMapper mapper;

    /**
     * @param base        e.g. {@code http://127.0.0.1:8082}
     * @param bearerToken an access token per call, or a supplier of null for none
     */
    public ApiClient(URI base, Supplier<String> bearerToken, ObjectMapper mapper) {
        this.base = base;
        this.bearerToken = bearerToken;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public Reply get(String path, Map<String, String> query) {
        return send("GET", path + queryString(query), null, Map.of());
    }

    public Reply post(String path, Object body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    /** Like {@link #get} but anything except 200 is an {@link ApiCallException}. */
    public JsonNode getOk(String path, Map<String, String> query) {
        Reply reply = get(path, query);
        if (!reply.is(200)) {
            throw new ApiCallException("GET " + path, reply);
        }
        return reply.body();
    }

    public Reply send(String method, String path, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json");
            String token = bearerToken.get();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body() == null || response.body().isBlank() ? NullNode.getInstance()
                    : mapper.readTree(response.body());
            return new Reply(response.statusCode(), json, response.headers().firstValue("ETag").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }

    private static String queryString(Map<String, String> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        return query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "?", ""));
    }
}
