package org.citybridge.portal.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.citybridge.portal.service.RequestLanguage;
import org.citybridge.portal.service.Viewer;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

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

    private Response page(int status, String sentence) {
        TemplateInstance body = Templates.error(Frame.of(language.texts(), viewer, uri), status, sentence)
                .setLocale(language.locale());
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(body)
                .build();
    }
}
