package org.citybridge.cities.service;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.citybridge.cities.domain.City;
import org.citybridge.cities.domain.CityPartner;
import org.citybridge.cities.domain.M49Regions;
import org.citybridge.cities.domain.Official;
import org.citybridge.contracts.events.CityProfile;
import org.citybridge.contracts.events.CityRegistered;
import org.citybridge.contracts.events.CityRetired;
import org.citybridge.contracts.events.CityUpdated;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.HeritageAsset;
import org.citybridge.contracts.events.PartnershipFormed;
import org.citybridge.kit.command.ExpectedVersion;
import org.citybridge.kit.outbox.EventOutbox;
import org.citybridge.kit.paging.Page;
import org.citybridge.kit.paging.PageRequest;
import org.citybridge.kit.persistence.TextSearch;
import org.citybridge.kit.persistence.Uniqueness;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.time.Clock;
import org.hibernate.jpa.HibernateHints;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** The city directory: registration, profile changes, retirement, partners; every change announced. */
@ApplicationScoped
public class CityService {

    private static final Logger LOG = Logger.getLogger(CityService.class);

    @Inject
    EntityManager em;

    @Inject
    EventOutbox outbox;

    @Transactional
    public City register(CityCommand command) {
        M49Regions.Placement placement = M49Regions.ofField("country", command.country());
        requireUniqueName(command.name(), placement.country(), null);
        City city = registerNamed(command, placement);
        // the unique name index settles a race between two registrations with the pre-check's answer
        Uniqueness.flush(duplicateName(command.name(), command.country()));
        return city;
    }

    /**
     * Registers a city whose name the caller has just found free in its country (an import looks a whole
     * chunk's names up with one query), without asking again. The row is written at the transaction's next
     * flush, so that an import writes a chunk's new cities together, in batches; a name taken meanwhile by
     * another registration fails that flush.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public City registerNamed(CityCommand command, M49Regions.Placement placement) {
        Instant now = Clock.now();
        City city = new City();
        city.id = UUID.randomUUID();
        apply(city, command, placement);
        city.createdAt = now;
        city.updatedAt = now;
        city.persist();
        // a new city has no partners yet
        outbox.append(new CityRegistered(profile(city, List.of(), city.version), now));
        return city;
    }

    /** The city a command would register, built as registration builds it but not stored: a dry run's view. */
    City draft(CityCommand command, M49Regions.Placement placement) {
        City city = new City();
        apply(city, command, placement);
        return city;
    }

    public City get(UUID id) {
        City city = City.findById(id);
        if (city == null) {
            throw ApiException.notFound("City", id);
        }
        return city;
    }

    public Page<City> list(CityQuery query, PageRequest page) {
        StringBuilder where = new StringBuilder("retired = :retired");
        Parameters params = Parameters.with("retired", query.retired());
        if (query.country() != null) {
            where.append(" and country = :country");
            params.and("country", M49Regions.ofField("country", query.country()).country());
        }
        if (query.region() != null) {
            where.append(" and (lower(region) = :region or lower(subRegion) = :region)");
            params.and("region", query.region().trim().toLowerCase(Locale.ROOT));
        }
        if (query.text() != null && !query.text().isBlank()) {
            where.append(" and (" + TextSearch.contains("name", "text") + " or "
                    + TextSearch.contains("localName", "text") + ")");
            params.and("text", TextSearch.pattern(query.text()));
        }
        if (query.area() != null || query.stance() != null || query.intent() != null) {
            where.append(" and id in (select i.cityId from Interest i where i.withdrawnAt is null");
            if (query.area() != null) {
                where.append(" and i.area = :area");
                params.and("area", query.area());
            }
            if (query.stance() != null) {
                where.append(" and i.stance = :stance");
                params.and("stance", query.stance());
            }
            if (query.intent() != null) {
                where.append(" and i.intent = :intent");
                params.and("intent", query.intent());
            }
            where.append(")");
        }
        var found = City.<City>find(where.toString(), page.sort(), params);
        List<City> items = found.page(page.panachePage()).list();
        return Page.of(items, page, found.count());
    }

    /** Replaces the profile, if the caller based the change on the current version. */
    @Transactional
    public City replace(UUID id, ExpectedVersion expected, CityCommand command) {
        City city = lockForChange(id);
        expected.check(city.version);
        M49Regions.Placement placement = M49Regions.ofField("country", command.country());
        requireUniqueName(command.name(), placement.country(), id);
        CityProfile before = profile(city);
        List<Official> officialsBefore = city.officials;
        apply(city, command, placement);
        boolean publicChange = !profile(city).equals(before);
        if (!publicChange && Objects.equals(officialsBefore, city.officials)) {
            return city; // nothing changed, nothing to announce
        }
        city.updatedAt = Clock.now();
        Uniqueness.flush(duplicateName(command.name(), command.country()));
        if (publicChange) {
            // officials are personal data and never travel in events
            outbox.append(new CityUpdated(profile(city), city.updatedAt));
        }
        return city;
    }

    /**
     * Retires a city: kept for history, hidden from listings, no longer changeable.
     *
     * @return false if it was already retired (nothing happens)
     */
    @Transactional
    public boolean retire(UUID id) {
        City city = City.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (city == null) {
            throw ApiException.notFound("City", id);
        }
        if (city.retired) {
            return false;
        }
        city.retired = true;
        city.updatedAt = Clock.now();
        outbox.append(new CityRetired(id, city.updatedAt));
        return true;
    }

    /**
     * Both cities of each partnership gain the other as partner (idempotent per partnership and city). Each city
     * whose partners changed is announced once, with its profile after all of them: a poll of a bulk import
     * names a city once per partner, and one CityUpdated for it spares every consumer the states in between.
     * The poll's cities are locked, read and announced with a few statements, whatever its size.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordPartnerships(List<PartnershipFormed> partnerships) {
        if (partnerships.isEmpty()) {
            return;
        }
        Set<UUID> named = new HashSet<>();
        Set<UUID> partnershipIds = new HashSet<>();
        for (PartnershipFormed partnership : partnerships) {
            named.add(partnership.cityA());
            named.add(partnership.cityB());
            partnershipIds.add(partnership.partnershipId());
        }
        Map<UUID, City> cities = new HashMap<>();
        // locked in the database's id order: two transactions naming the same cities never deadlock; read-only,
        // as nothing here changes them (one statement below moves version and time): the session keeps no
        // snapshot of them and its flush checks none
        City.<City>find("id in ?1 order by id", named)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint(HibernateHints.HINT_READ_ONLY, true)
                .list()
                .forEach(city -> cities.put(city.id, city));
        Set<List<UUID>> recorded = CityPartner.recordedOf(cities.keySet(), partnershipIds);
        Set<UUID> changed = new LinkedHashSet<>();
        Instant now = Clock.now();
        for (PartnershipFormed partnership : partnerships) {
            if (gainsPartner(cities, partnership.cityA(), partnership.cityB(), partnership, recorded)) {
                changed.add(partnership.cityA());
            }
            if (gainsPartner(cities, partnership.cityB(), partnership.cityA(), partnership, recorded)) {
                changed.add(partnership.cityB());
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        // one statement for every changed city, locked above, so each moves exactly one version
        int moved = em.createQuery(
                        "update City c set c.version = c.version + 1, c.updatedAt = :now where c.id in :changed")
                .setParameter("now", now)
                .setParameter("changed", changed)
                .executeUpdate();
        if (moved != changed.size()) {
            throw new IllegalStateException("Moved " + moved + " of " + changed.size() + " locked cities");
        }
        Map<UUID, List<UUID>> partners = CityPartner.partnerIdsOf(changed);
        for (UUID cityId : changed) {
            City city = cities.get(cityId);
            CityProfile profile = profile(city, partners.getOrDefault(cityId, List.of()), city.version + 1);
            // marked as caused by the partnerships: consumers that keep no partners, or know every partner
            // named already, pass over the restatement (a bulk import restates thousands)
            outbox.append(new CityUpdated(profile, now), EventType.PARTNERSHIP_FORMED);
        }
        // the session's copies still show the old version and time: none may be read or changed after this
        cities.values().forEach(em::detach);
    }

    /**
     * Records the partner for the city unless the partnership is recorded for it already (false then, and for
     * a city the directory does not know).
     */
    private static boolean gainsPartner(
            Map<UUID, City> cities,
            UUID cityId,
            UUID partnerId,
            PartnershipFormed partnership,
            Set<List<UUID>> recorded) {
        City city = cities.get(cityId);
        if (city == null) {
            LOG.warnf(
                    "Partnership %s names unknown city %s; that side is skipped", partnership.partnershipId(), cityId);
            return false;
        }
        if (!recorded.add(List.of(city.id, partnership.partnershipId()))) {
            return false;
        }
        CityPartner partner = new CityPartner();
        partner.id = UUID.randomUUID();
        partner.cityId = city.id;
        partner.partnerId = partnerId;
        partner.partnershipId = partnership.partnershipId();
        partner.kind = partnership.kind();
        partner.area = partnership.area();
        partner.formedOn = partnership.formedOn();
        partner.persist();
        return true;
    }

    /** The public profile carried by city events (no personal data). */
    public CityProfile profile(City city) {
        return profile(city, CityPartner.partnerIdsOf(List.of(city.id)).getOrDefault(city.id, List.of()), city.version);
    }

    /**
     * The same, with the ids of the city's partners read already (in the order of {@link CityPartner#ofCity}),
     * at the given version (a statement may have moved the row's version past the entity's).
     */
    private static CityProfile profile(City city, List<UUID> partnerIds, long version) {
        List<UUID> partners = partnerIds.stream().distinct().toList();
        return new CityProfile(
                city.id,
                city.name,
                city.localName,
                city.country,
                city.region,
                city.subRegion,
                city.population,
                city.latitude,
                city.longitude,
                city.languages,
                city.description,
                city.heritageAssets,
                city.associations,
                partners,
                version);
    }

    City lockForChange(UUID id) {
        City city = City.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (city == null) {
            throw ApiException.notFound("City", id);
        }
        if (city.retired) {
            throw ApiException.conflict("City " + id + " is retired and can no longer change");
        }
        return city;
    }

    private void requireUniqueName(String name, String country, UUID self) {
        long same = City.count(
                // the database lower-cases both, as the unique index does (Java's lower case differs for İ, final Σ)
                "lower(name) = lower(?1) and country = ?2 and id <> ?3",
                name.trim(),
                country,
                self == null ? new UUID(0, 0) : self);
        if (same > 0) {
            throw duplicate(name, country);
        }
    }

    private static ApiException duplicate(String name, String country) {
        return ApiException.conflict(duplicateName(name, country));
    }

    static String duplicateName(String name, String country) {
        return "A city named '" + name.trim() + "' already exists in " + country.toUpperCase(Locale.ROOT);
    }

    private static void apply(City city, CityCommand command, M49Regions.Placement placement) {
        city.name = command.name().trim();
        city.localName = blankToNull(command.localName());
        city.country = placement.country();
        city.region = placement.region();
        city.subRegion = placement.subRegion();
        city.population = command.population();
        city.latitude =
                command.coordinates() == null ? null : command.coordinates().latitude();
        city.longitude =
                command.coordinates() == null ? null : command.coordinates().longitude();
        city.languages = command.languages() == null ? List.of() : List.copyOf(command.languages());
        city.description = blankToNull(command.description());
        city.heritageAssets = command.heritageAssets() == null
                ? List.of()
                : command.heritageAssets().stream()
                        .map(h ->
                                new HeritageAsset(h.name().trim(), blankToNull(h.kind()), h.inscribedYear(), h.facts()))
                        .toList();
        city.associations = command.associations() == null ? List.of() : List.copyOf(command.associations());
        city.officials = command.officials() == null
                ? List.of()
                : command.officials().stream()
                        .map(o -> new Official(
                                o.name().trim(),
                                blankToNull(o.title()),
                                blankToNull(o.office()),
                                blankToNull(o.email()),
                                blankToNull(o.phone())))
                        .toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
