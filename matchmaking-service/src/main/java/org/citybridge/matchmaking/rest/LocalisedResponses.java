package org.citybridge.matchmaking.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.citybridge.kit.web.Responses;
import org.citybridge.kit.web.Vary;
import org.citybridge.matchmaking.scoring.ReasonTexts;

import java.util.Locale;

/** Content-Language and Vary: Accept-Language on answers whose reasons are rendered in the asked language. */
@Provider
@Localised
public class LocalisedResponses implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Vary.add(response.getHeaders(), HttpHeaders.ACCEPT_LANGUAGE);
        if (response.getStatus() < 300) {
            response.getHeaders()
                    .putSingle(
                            HttpHeaders.CONTENT_LANGUAGE,
                            ReasonTexts.negotiate(request.getAcceptableLanguages())
                                    .toLanguageTag());
        }
    }

    /** The language reasons are rendered in for a request. */
    static Locale of(HttpHeaders headers) {
        return ReasonTexts.negotiate(headers.getAcceptableLanguages());
    }

    /** 200 with an ETag of the version and, for a language other than English, the language: "7-es". */
    static Response ok(Object body, long version, HttpHeaders headers) {
        Locale language = of(headers);
        return Responses.ok(body, version, ReasonTexts.ENGLISH.equals(language) ? null : language.getLanguage());
    }
}
