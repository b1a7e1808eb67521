package org.citybridge.launcher.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The platform's JSON-over-HTTP client for its public REST APIs, used as a partner system would use
 * them: by the launcher's seed steps and by the end-to-end tests. Plain {@code java.net.http}, no
 * framework.
 *
 * <p>Every call returns the answer as it came ({@link Reply}); a service that cannot be reached at all
 * answers status 0, so callers that watch a service go down and come back see every attempt. Callers
 * that need success say so with {@link Reply#requireOk}, {@link Reply#expect} or {@link #getOk}.
 *
 * <p>Thread-safe. {@link #at} and {@link #as} return views with a base URL or a bearer token that
 * share one underlying {@link HttpClient}.
 */
public final class ApiClient {

    /** The JSON mapper of every client (plain Jackson: the APIs speak camelCase JSON, ISO-8601 strings). */
    public static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Times a call refused for the rate limit (429) is sent again, after the Retry-After it names. */
    private static final int MAX_RATE_LIMIT_RETRIES = 5;

    private static final String ACCEPT = "application/json, application/problem+json";

    /**
     * One answer.
     *
     * @param status      the HTTP status; 0 when the service could not be reached (then {@code text} says why)
     * @param contentType the Content-Type header, or "" when none
     * @param text        the body as sent, or "" when empty
     * @param location    the Location header, or null
     * @param etag        the ETag header, or null
     */
    public record Reply(int status, String contentType, String text, String location, String etag) {

        public boolean is(int expected) {
            return status == expected;
        }

        /** True for a 2xx answer. */
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** False when the service could not be reached at all. */
        public boolean reached() {
            return status != 0;
        }

        /** The body as JSON: {@link NullNode} when empty. A body that is not JSON is an error. */
        public JsonNode json() {
            if (text.isBlank()) {
                return NullNode.getInstance();
            }
            try {
                return JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Not JSON (" + status + "): " + text, e);
            }
        }

        /** This answer if its status is one of {@code statuses}, else an {@link ApiCallException}. */
        public Reply expect(int... statuses) {
            for (int s : statuses) {
                if (status == s) {
                    return this;
                }
            }
            throw new ApiCallException("Expected " + Arrays.toString(statuses) + " but got", this);
        }

        /** This answer if it is 2xx, else an {@link ApiCallException} naming {@code what} was tried. */
        public Reply requireOk(String what) {
            if (!ok()) {
                throw new ApiCallException(what, this);
            }
            return this;
        }
    }

    /** An answer the caller did not expect, with the problem detail the service sent. */
    public static final class ApiCallException extends IllegalStateException {

        private final int status;

        public ApiCallException(String call, Reply reply) {
            super(call + (reply.reached() ? " answered " + reply.status() + ": " : " unreachable: ") + reply.text());
            this.status = reply.status();
        }

        public int status() {
            return status;
        }
    }

    private final HttpClient http;
    private final URI base;
    private final Supplier<String> bearerToken;

    private ApiClient(HttpClient http, URI base, Supplier<String> bearerToken) {
        this.http = http;
        this.base = base;
        this.bearerToken = bearerToken;
    }

    /** A client without base URL (calls name absolute URLs) and without token. */
    public static ApiClient create(Duration connectTimeout) {
        return new ApiClient(
                HttpClient.newBuilder().connectTimeout(connectTimeout).build(), null, () -> null);
    }

    /** The same client, resolving paths against {@code base} (e.g. {@code http://127.0.0.1:8082}). */
    public ApiClient at(URI base) {
        return new ApiClient(http, base, bearerToken);
    }

    /** The same client, sending {@code token} as bearer token (null: none). */
    public ApiClient as(String token) {
        return as(() -> token);
    }

    /** The same client, sending the supplier's token with each call (null: none). */
    public ApiClient as(Supplier<String> token) {
        return new ApiClient(http, base, token);
    }

    public ObjectMapper mapper() {
        return JSON;
    }

    public Reply get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Reply get(String path, Map<String, String> query) {
        return get(path + queryString(query));
    }

    /** Like {@link #get(String, Map)} but anything except 200 is an {@link ApiCallException}. */
    public JsonNode getOk(String path, Map<String, String> query) {
        Reply reply = get(path, query);
        if (!reply.is(200)) {
            throw new ApiCallException("GET " + path, reply);
        }
        return reply.json();
    }

    /** POST of {@code body} as JSON (a String is sent as it stands; null: no body). */
    public Reply post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    public Reply post(String path, Object body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    /**
     * One call. {@code path} is resolved against the base URL, if any (an absolute URL stands as it is).
     * {@code body} goes as JSON: a String as it stands, anything else written by {@link #JSON}; null
     * sends no body.
     */
    public Reply send(String method, String path, Object body, Map<String, String> headers) {
        return exchange(
                method,
                path,
                body == null ? null : "application/json",
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(write(body), StandardCharsets.UTF_8),
                headers);
    }

    /** POST of a file's bytes as {@code contentType}, e.g. a CSV file to an import. */
    public Reply upload(String path, String contentType, byte[] file) {
        return exchange("POST", path, contentType, HttpRequest.BodyPublishers.ofByteArray(file), Map.of());
    }

    private Reply exchange(
            String method,
            String path,
            String contentType,
            HttpRequest.BodyPublisher body,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base == null ? URI.create(path) : base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", ACCEPT);
        String token = bearerToken.get();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::setHeader); // a caller's Accept replaces the default
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            // over the caller's rate limit: nothing was done, so the same call goes again when the API says
            for (int retry = 0; response.statusCode() == 429 && retry < MAX_RATE_LIMIT_RETRIES; retry++) {
                long seconds = response.headers()
                        .firstValue("Retry-After")
                        .map(ApiClient::seconds)
                        .orElse(1L);
                Thread.sleep(Math.min(seconds, 60) * 1000);
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            return new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body() == null ? "" : response.body(),
                    response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("ETag").orElse(null));
        } catch (IOException e) {
            return new Reply(0, "", method + " " + path + ": " + e, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }

    private static long seconds(String retryAfter) {
        try {
            return Math.max(1, Long.parseLong(retryAfter.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** {@code body} as JSON text: a String as it stands. */
    public static String write(Object body) {
        if (body instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
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
