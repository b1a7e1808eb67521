package org.citybridge.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A thread-safe JSON client for the fault tests, which call the APIs from several threads at once and
 * must see every answer as it came (status, content type, body), including when a service is down.
 */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A stack trace or an exception class in a body: a frame ({@code at org.x.Y.m(Y.java:1)}) or a
     * qualified exception name ({@code org.postgresql.util.PSQLException}).
     */
    static final Pattern STACK_TRACE = Pattern.compile(
            "(?m)(^|\\s)at [\\w$]+(\\.[\\w$<>]+)+\\([^)]*\\)|\\b[a-z][\\w$]*(\\.[\\w$]+)+\\.[A-Z][\\w$]*(Exception|Error)\\b");

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One answer; status 0 when the service could not be reached at all. */
    record Answer(int status, String contentType, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        boolean reached() {
            return status != 0;
        }

        Answer expect(int... statuses) {
            for (int s : statuses) {
                if (status == s) {
                    return this;
                }
            }
            throw new AssertionError("Expected " + java.util.Arrays.toString(statuses) + " but got " + status + ": " + body);
        }
    }

    private Http() {
    }

    static Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), null);
    }

    static Answer post(String url, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(write(body)));
        }
        return send(request, token);
    }

    private static Answer send(HttpRequest.Builder request, String token) {
        request.timeout(Duration.ofSeconds(30)).header("Accept", "application/json, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            return new Answer(0, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
