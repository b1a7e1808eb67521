package org.citybridge.portal.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.citybridge.portal.service.RequestLanguage;
import org.citybridge.portal.service.Viewer;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Every failure as a page with one sentence in the person's language: never a stack trace. */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(Frame frame, int status, String sentence);
    }

    @Inject
    RequestLanguage language;

    @Inject
    Viewer viewer;

    @Context
    UriInfo uri;

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return page(404, "error.not-found");
    }

    /** A signed-in person without the role a page needs (programme staff pages). */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return page(403, "error.forbidden");
    }

    /** An API's refusal (or the portal's own): the status decides the sentence. */
    @ServerExceptionMapper
    public Response refused(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return switch (status) {
            case 404, 410 -> page(404, "error.not-found");
            case 401, 403 -> page(403, "error.forbidden");
            case 400, 422 -> page(400, "error.bad-request");
            case 429 -> page(503, "error.busy");
            // any other refusal of the request (a form's address opened as a page, a wrong media type): the
            // person's request, not a fault of ours
            default -> status >= 400 && status < 500 ? page(400, "error.bad-request") : unexpected(e);
        };
    }

    /** An API that does not answer. */
    @ServerExceptionMapper
    public Response unavailable(ProcessingException e) {
        LOG.warnf("An API did not answer: %s", e.getMessage());
        return page(503, "error.unavailable");
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("A page failed", e);
        return page(500, "error.unexpected");
    }

    /**
     * A refusal without a body still gets its sentence: the CSRF check refuses a form whose token is missing or
     * stale (a page left open for hours) with a bare 400, before any page is reached.
     */
    @ServerResponseFilter
    public void sentenceForBareRefusals(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400 || response.hasEntity()) {
            return;
        }
        boolean formSent = "POST".equals(request.getMethod())
                && MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(request.getMediaType());
        String sentence = status == 400 && formSent ? "error.form-expired" : sentenceFor(status);
        // the status stays as it was; drawn here, as this answer may never reach the step that draws a page
        // returned by a resource
        response.setEntity(body(status, sentence).render(), null, MediaType.TEXT_HTML_TYPE);
    }

    /** The sentence for a status that came without an explanation. */
    private static String sentenceFor(int status) {
        return switch (status) {
            case 404, 410 -> "error.not-found";
            case 401, 403 -> "error.forbidden";
            case 429 -> "error.busy";
            case 502, 503, 504 -> "error.unavailable";
            default -> status < 500 ? "error.bad-request" : "error.unexpected";
        };
    }

    /** Keycloak sent the person back without signing them in (they cancelled, or the realm refused). */
    @ServerExceptionMapper
    public Response signInFailed(SignInFailed e) {
        return page(401, "error.sign-in-failed");
    }

    /** Where Keycloak's refusals lead (quarkus.oidc.authentication.error-path): said on the error page. */
    static final class SignInFailed extends RuntimeException {
        SignInFailed() {
            super("Keycloak sent the person back without signing them in", null, false, false);
        }
    }

    private Response page(int status, String sentence) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(body(status, sentence))
                .build();
    }

    private TemplateInstance body(int status, String sentence) {
        return Templates.error(Frame.of(language.texts(), viewer, uri), status, sentence)
                .setLocale(language.locale());
    }
}
