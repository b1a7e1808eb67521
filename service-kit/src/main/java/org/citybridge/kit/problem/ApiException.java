package org.citybridge.kit.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A business error with its HTTP status; services throw it and the problem mapper renders it.
 * Factory methods name the cases the APIs share.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.Violation> violations;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(int status, String type, String title, String detail, List<Problem.Violation> violations) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public static ApiException badRequest(String field, String detail) {
        return new ApiException(
                400,
                "validation",
                "Invalid request",
                field + ": " + detail,
                List.of(new Problem.Violation(field, detail)));
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(404, "not-found", "Not found", what + " " + id + " does not exist", null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", "Forbidden", detail, null);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "conflict", "Conflict", detail, null);
    }

    public static ApiException unprocessable(String detail) {
        return new ApiException(422, "unprocessable", "Unprocessable request", detail, null);
    }

    /** 413: the request body is larger than the operation accepts. */
    public static ApiException payloadTooLarge(String detail) {
        return new ApiException(413, "payload-too-large", "Payload too large", detail, null);
    }

    /** 415: the body's media type is not one the operation reads. */
    public static ApiException unsupportedMediaType(String detail) {
        return new ApiException(415, "unsupported-media-type", "Unsupported media type", detail, null);
    }

    public static ApiException preconditionFailed(String detail) {
        return new ApiException(412, "precondition-failed", "Precondition failed", detail, null);
    }

    /** 429: the caller's rate limit is spent; say when to retry with {@link #withHeader} ({@code Retry-After}). */
    public static ApiException tooManyRequests(String detail) {
        return new ApiException(429, "too-many-requests", "Too many requests", detail, null);
    }

    /** Adds a header to the problem response, e.g. {@code Retry-After}. */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException preconditionRequired(String detail) {
        return new ApiException(428, "precondition-required", "Precondition required", detail, null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }
}
