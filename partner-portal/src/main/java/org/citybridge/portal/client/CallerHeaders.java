package org.citybridge.portal.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.citybridge.portal.service.RequestLanguage;
import org.citybridge.portal.service.Viewer;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Every API call goes out on behalf of the person: with their access token (none when anonymous) and their
 * language, so matchmaking renders reasons in it.
 */
@ApplicationScoped
public class CallerHeaders implements ClientHeadersFactory {

    @Inject
    Viewer viewer;

    @Inject
    RequestLanguage language;

    @Override
    public MultivaluedMap<String, String> update(
            MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        viewer.accessToken().ifPresent(token -> headers.putSingle("Authorization", "Bearer " + token));
        headers.putSingle("Accept-Language", language.locale().toLanguageTag());
        return headers;
    }
}
