package org.citybridge.portal.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.citybridge.portal.client.ApiModels.City;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Other cities' names as pages show them (a partner, a proposed city, an exchange's participant), kept for a few
 * minutes: a city page names up to 40 other cities, and without this each view would read every one of their
 * profiles again, all anonymous views sharing the portal's one rate-limit budget at the APIs. Names rarely
 * change; a page's own city is always read fresh.
 */
@ApplicationScoped
public class CityNames {

    /** How long a name is kept; a renamed city shows its new name elsewhere after at most this. */
    static final Duration KEPT = Duration.ofMinutes(5);

    /** More names than this and the memory starts over (a bound, not a policy: demo-size sets never reach it). */
    static final int MOST = 20_000;

    /** A city's Latin name, its local-script name (null without one) and that name's language ("" unknown). */
    public record Name(String name, String localName, String language) {}

    private record Kept(Optional<Name> name, long until) {}

    private final ConcurrentHashMap<UUID, Kept> names = new ConcurrentHashMap<>();

    /** The name of {@code city}, read with {@code read} unless kept; empty for a city that does not exist. */
    public Optional<Name> of(UUID city, Function<UUID, Optional<City>> read) {
        long now = System.nanoTime();
        Kept kept = names.get(city);
        if (kept != null && kept.until() - now > 0) {
            return kept.name();
        }
        if (names.size() >= MOST) {
            names.clear();
        }
        Optional<Name> name = read.apply(city)
                .map(c -> new Name(c.name(), c.hasLocalName() ? c.localName() : null, c.localLanguage()));
        names.put(city, new Kept(name, now + KEPT.toNanos()));
        return name;
    }
}
