package org.citybridge.kit.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.citybridge.contracts.vocabulary.UnknownCodeException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns every error into {@code application/problem+json}: validation, unreadable JSON, unknown
 * vocabulary codes, business errors, security and framework errors, a database that is away (503 with
 * {@code Retry-After}), and (without a stack trace) the unexpected ones.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final int RETRY_AFTER_SECONDS = 2;

    @ServerExceptionMapper
    public Response apiError(ApiException e, UriInfo uri) {
        Response response = respond(new Problem(
                Problem.TYPE_BASE + e.type(), e.title(), e.status(), e.getMessage(), path(uri), e.violations()));
        if (e.headers().isEmpty()) {
            return response;
        }
        Response.ResponseBuilder withHeaders = Response.fromResponse(response);
        e.headers().forEach(withHeaders::header);
        return withHeaders.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field).thenComparing(Problem.Violation::message))
                .toList();
        String detail =
                violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
        return respond(
                new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, detail, path(uri), violations));
    }

    @ServerExceptionMapper
    public Response unknownCode(UnknownCodeException e, UriInfo uri) {
        return respond(validation(null, e.getMessage(), uri));
    }

    /**
     * Names the more specific Jackson types too, so they win over the framework's built-in mappers
     * (which answer without a problem body).
     */
    @ServerExceptionMapper({
        JsonProcessingException.class,
        JsonParseException.class,
        MismatchedInputException.class,
        ValueInstantiationException.class,
        InvalidDefinitionException.class,
        UnrecognizedPropertyException.class,
        InvalidFormatException.class
    })
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        UnknownCodeException code = causeOf(e, UnknownCodeException.class);
        String field = e instanceof JsonMappingException m ? fieldPath(m) : null;
        String detail;
        if (code != null) {
            detail = code.getMessage();
        } else if (e instanceof UnrecognizedPropertyException u) {
            field = fieldPath(u);
            detail = "unknown field '" + u.getPropertyName() + "' (it cannot be set by clients)";
        } else if (e instanceof InvalidFormatException f) {
            detail = "value '" + f.getValue() + "' is not a valid "
                    + f.getTargetType().getSimpleName();
        } else if (e instanceof JsonMappingException) {
            detail = "wrong type or shape of value";
        } else {
            detail = "malformed JSON: " + e.getOriginalMessage();
        }
        return respond(validation(field, detail, uri));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(UriInfo uri) {
        return Response.fromResponse(respond(new Problem(
                        Problem.TYPE_BASE + "unauthorized",
                        "Unauthorized",
                        401,
                        "A valid bearer token is required",
                        path(uri),
                        null)))
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(
                Problem.TYPE_BASE + "forbidden",
                "Forbidden",
                403,
                "Your role does not allow this operation",
                path(uri),
                null));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        JsonProcessingException json = causeOf(e, JsonProcessingException.class);
        if (json != null) {
            return unreadableJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri, headers);
        }
        String title = Response.Status.fromStatusCode(status) == null
                ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return respond(
                new Problem(Problem.TYPE_BASE + "http-" + status, title, status, e.getMessage(), path(uri), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, HttpHeaders headers) {
        JsonProcessingException json = causeOf(e, JsonProcessingException.class);
        if (json != null) {
            return unreadableJson(json, uri);
        }
        UnknownCodeException code = causeOf(e, UnknownCodeException.class);
        if (code != null) {
            return unknownCode(code, uri);
        }
        if (DatabaseFailures.lostConcurrentUpdate(e)) {
            // with the same If-Match as the winner it lost as if its tag had been stale (412); without one it is
            // a conflict to retry (409)
            String detail = "The resource changed while this request was applied; read it again and retry";
            return apiError(
                    headers.getHeaderString(HttpHeaders.IF_MATCH) != null
                            ? ApiException.preconditionFailed(detail)
                            : ApiException.conflict(detail),
                    uri);
        }
        if (DatabaseFailures.unavailable(e)) {
            Throwable root = DatabaseFailures.rootCause(e);
            LOG.warnf(
                    "Database unavailable, answered 503: %s: %s",
                    root.getClass().getSimpleName(), root.getMessage());
            return Response.fromResponse(respond(new Problem(
                            Problem.TYPE_BASE + "unavailable",
                            "Service Unavailable",
                            503,
                            "The database is not reachable at the moment. Retry shortly (with the same "
                                    + "Idempotency-Key for a create).",
                            path(uri),
                            null)))
                    .header("Retry-After", RETRY_AFTER_SECONDS)
                    .build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, incident %s", incident);
        return respond(new Problem(
                Problem.TYPE_BASE + "internal",
                "Internal error",
                500,
                "Unexpected error; quote incident " + incident,
                path(uri),
                null));
    }

    private static Problem validation(String field, String detail, UriInfo uri) {
        List<Problem.Violation> violations = field == null ? null : List.of(new Problem.Violation(field, detail));
        return new Problem(
                Problem.TYPE_BASE + "validation",
                "Invalid request",
                400,
                field == null ? detail : field + ": " + detail,
                path(uri),
                violations);
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    /** {@code create.body.heritageAssets[0].name} becomes {@code heritageAssets[0].name}. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD
                    || kind == ElementKind.CONSTRUCTOR
                    || kind == ElementKind.PARAMETER
                    || kind == ElementKind.CROSS_PARAMETER
                    || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.isInIterable()) {
                field.append('[')
                        .append(node.getIndex() != null ? node.getIndex() : node.getKey())
                        .append(']');
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(name);
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? null : field.toString();
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        return DatabaseFailures.causeChain(e)
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElse(null);
    }
}
