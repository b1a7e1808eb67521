package org.citybridge.matchmaking.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.citybridge.matchmaking.scoring.ReasonTexts;

/** Content-Language and Vary: Accept-Language on answers whose reasons are rendered in the asked language. */
@Provider
@Localised
public class LocalisedResponses implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
        if (response.getStatus() < 300) {
            response.getHeaders()
                    .putSingle(
                            HttpHeaders.CONTENT_LANGUAGE,
                            ReasonTexts.negotiate(request.getAcceptableLanguages())
                                    .toLanguageTag());
        }
    }

    /** The language reasons are rendered in for a request. */
    static java.util.Locale of(HttpHeaders headers) {
        return ReasonTexts.negotiate(headers.getAcceptableLanguages());
    }
}
