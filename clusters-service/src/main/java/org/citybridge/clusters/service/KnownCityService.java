package org.citybridge.clusters.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.citybridge.clusters.domain.KnownCity;
import org.citybridge.clusters.domain.Membership;
import org.citybridge.contracts.events.CityProfile;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.time.Clock;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The local projection of cities built from {@code city-events}, and the check every write that names
 * a city goes through. Effects are safe to repeat: a profile older than the one applied is ignored,
 * and retirement is final, so the same fact arriving again under a new event id changes nothing.
 */
@ApplicationScoped
public class KnownCityService {

    private static final Logger LOG = Logger.getLogger(KnownCityService.class);

    /**
     * Reads the stored cities these ids name with one query, so that the events of a poll that name them
     * need no round trip each: a city missing from the answer is not stored yet.
     *
     * @return the stored ones by id; {@link #applyProfile} adds those it stores
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, KnownCity> readAhead(Collection<UUID> cityIds) {
        Map<UUID, KnownCity> stored = new HashMap<>();
        if (!cityIds.isEmpty()) {
            KnownCity.<KnownCity>list("id in ?1", cityIds).forEach(city -> stored.put(city.id, city));
        }
        return stored;
    }

    /**
     * A city registered or updated: keep the newest profile's name and country. A profile that restates
     * them (most updates change what this service does not keep: partners, heritage, interests) is not
     * written, so the stored version is that of the latest profile that changed them; a city's events
     * arrive in order (keyed by city), so a later one that differs is still applied and an earlier one not.
     *
     * @param stored what {@link #readAhead} gave for the ids of the event's poll
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyProfile(CityProfile profile, Instant at, Map<UUID, KnownCity> stored) {
        if (profile == null || profile.cityId() == null || profile.name() == null) {
            LOG.warn("Skipping a city event without city id or name");
            return;
        }
        KnownCity city = stored.get(profile.cityId());
        if (city == null) {
            city = new KnownCity();
            city.id = profile.cityId();
            stored.put(city.id, city); // a later event of the poll about the same city finds it
        } else if (profile.version() < city.profileVersion) {
            LOG.debugf(
                    "Ignoring stale profile v%s of city %s (have v%s)",
                    (Object) profile.version(), city.id, city.profileVersion);
            return;
        } else if (profile.name().equals(city.name) && Objects.equals(profile.country(), city.country)) {
            return;
        }
        boolean renamed = city.name != null && !city.name.equals(profile.name());
        city.name = profile.name();
        city.country = profile.country();
        city.profileVersion = profile.version();
        city.updatedAt = at == null ? Clock.now() : at;
        city.persist();
        if (renamed) {
            // memberships show the member's name; keep it current for cities
            Membership.update(
                    "memberName = ?1 where memberKind = ?2 and memberId = ?3",
                    profile.name(),
                    org.citybridge.contracts.vocabulary.MemberKind.CITY,
                    city.id);
        }
    }

    /** A city was retired: it stays known for history but may no longer be named in new facts. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void retire(UUID cityId, Instant at) {
        KnownCity city = cityId == null ? null : KnownCity.findById(cityId);
        if (city == null) {
            LOG.warnf("Skipping retirement of city %s, which this service never saw registered", cityId);
            return;
        }
        city.retired = true;
        city.updatedAt = at == null ? Clock.now() : at;
    }

    /**
     * The city, if known and not retired.
     *
     * @param role how the request uses the city, for the message (e.g. "participant")
     * @throws ApiException 422 naming the city and the reason
     */
    public KnownCity requireActive(UUID cityId, String role) {
        KnownCity city = KnownCity.findById(cityId);
        if (city == null) {
            throw ApiException.unprocessable(
                    "Unknown city " + cityId + " as " + role
                            + ": no such city is registered with cities-service (or its registration has not reached clusters-service yet)");
        }
        if (city.retired) {
            throw ApiException.unprocessable(
                    "City " + city.name + " (" + cityId + ") is retired and cannot be " + role + " of new activities");
        }
        return city;
    }
}
