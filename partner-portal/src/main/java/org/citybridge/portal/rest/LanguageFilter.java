package org.citybridge.portal.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import org.citybridge.portal.service.Language;
import org.citybridge.portal.service.RequestLanguage;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Locale;

/** Picks each page's language (see {@link Language#choose}) and remembers a choice made on the page for a year. */
public class LanguageFilter {

    static final String COOKIE = "citybridge-lang";

    @Inject
    RequestLanguage language;

    @ServerRequestFilter(preMatching = true)
    public void choose(ContainerRequestContext request) {
        String chosen = request.getUriInfo().getQueryParameters().getFirst("lang");
        var remembered = request.getCookies().get(COOKIE);
        Locale locale = Language.choose(
                chosen, remembered == null ? null : remembered.getValue(), request.getHeaderString("Accept-Language"));
        language.set(locale, Language.supported(chosen).isPresent());
    }

    @ServerResponseFilter
    public void remember(ContainerRequestContext request, ContainerResponseContext response) {
        if (language.chosenNow()) {
            response.getHeaders()
                    .add(
                            HttpHeaders.SET_COOKIE,
                            new NewCookie.Builder(COOKIE)
                                    .value(language.locale().getLanguage())
                                    .path("/")
                                    .maxAge(365 * 24 * 3600)
                                    .sameSite(NewCookie.SameSite.LAX)
                                    .httpOnly(true)
                                    // behind TLS (the proxy's X-Forwarded-Proto) the cookie travels over TLS only
                                    .secure("https"
                                            .equals(request.getUriInfo()
                                                    .getRequestUri()
                                                    .getScheme()))
                                    .build());
        }
        response.getHeaders()
                .putSingle(HttpHeaders.CONTENT_LANGUAGE, language.locale().toLanguageTag());
        // the page depends on the language asked for and the one remembered; keep what others vary on
        java.util.Set<String> vary = new java.util.LinkedHashSet<>();
        for (Object value : response.getHeaders().getOrDefault(HttpHeaders.VARY, java.util.List.of())) {
            for (String part : value.toString().split(",")) {
                if (!part.isBlank()) {
                    vary.add(part.trim());
                }
            }
        }
        vary.add("Accept-Language");
        vary.add("Cookie");
        response.getHeaders().putSingle(HttpHeaders.VARY, String.join(", ", vary));
    }
}
