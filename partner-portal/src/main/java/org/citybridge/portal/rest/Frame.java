package org.citybridge.portal.rest;

import jakarta.ws.rs.core.UriInfo;
import org.citybridge.portal.service.Texts;
import org.citybridge.portal.service.Viewer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** What every page's frame shows: its words, who is signed in, and links to the same page in another language. */
public record Frame(Texts t, boolean signedIn, boolean admin, String name, String path, String query) {

    static Frame of(Texts texts, Viewer viewer, UriInfo uri) {
        // A page that failed before reaching a worker thread (an unknown path) is drawn on the I/O thread, where
        // the session cannot be read: its header offers sign-in.
        boolean known = !io.vertx.core.Context.isOnEventLoopThread() && viewer.signedIn();
        return new Frame(
                texts,
                known,
                known && viewer.admin(),
                known ? viewer.name() : "",
                uri.getPath(),
                query(uri, "lang", "notice"));
    }

    /** The request's query string without the named parameters (and without empty ones). */
    private static String query(UriInfo uri, String... without) {
        java.util.List<String> dropped = java.util.List.of(without);
        StringBuilder query = new StringBuilder();
        uri.getQueryParameters().forEach((name, values) -> {
            if (!dropped.contains(name)) {
                values.stream()
                        .filter(value -> !value.isBlank())
                        .forEach(value -> query.append(query.isEmpty() ? "" : "&")
                                .append(encode(name))
                                .append('=')
                                .append(encode(value)));
            }
        });
        return query.toString();
    }

    /** This page with another page number (the directory's pagination). */
    public String page(int number) {
        String rest = java.util.Arrays.stream(query.split("&"))
                .filter(part -> !part.isEmpty() && !part.startsWith("page="))
                .collect(java.util.stream.Collectors.joining("&"));
        return "?" + (rest.isEmpty() ? "" : rest + "&") + "page=" + number;
    }

    /**
     * This page in {@code language}: a link of its query alone, so that it stays on this page whatever the path
     * holds (a path is never written into a link: "/%5Cother.example" must not become a link elsewhere).
     */
    public String in(String language) {
        return "?" + (query.isEmpty() ? "" : query + "&") + "lang=" + language;
    }

    /** Sign in, then come back to this page (a path of this site only: see PortalPages.localPath). */
    public String signIn() {
        return "/sign-in?to=" + encode(PortalPages.localPath(query.isEmpty() ? path : path + "?" + query))
                + "&ui_locales=" + (is("zh") ? "zh-CN" : t.locale().getLanguage());
    }

    /** Whether {@code language} is the page's. */
    public boolean is(String language) {
        return t.locale().getLanguage().equals(language);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
