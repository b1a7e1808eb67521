package org.citybridge.clusters.service;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.citybridge.clusters.domain.Membership;
import org.citybridge.clusters.domain.Organisation;
import org.citybridge.clusters.domain.OrganisationKind;
import org.citybridge.kit.command.ExpectedVersion;
import org.citybridge.kit.paging.Page;
import org.citybridge.kit.paging.PageRequest;
import org.citybridge.kit.persistence.TextSearch;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.time.Clock;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Organisations (UN agencies, associations, development partners, academia); names are unique. */
@ApplicationScoped
public class OrganisationService {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public Page<Organisation> list(String q, OrganisationKind kind, String country, PageRequest paging) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (q != null && !q.isBlank()) {
            where.append(" and " + TextSearch.contains("name", "q"));
            params.put("q", TextSearch.pattern(q));
        }
        if (kind != null) {
            where.append(" and kind = :kind");
            params.put("kind", kind);
        }
        if (country != null && !country.isBlank()) {
            where.append(" and country = :country");
            params.put("country", country.trim().toUpperCase(Locale.ROOT));
        }
        PanacheQuery<Organisation> query =
                Organisation.find(where.toString(), paging.sort(), params).page(paging.panachePage());
        return Page.of(query.list(), paging, query.count());
    }

    public Optional<Organisation> find(UUID id) {
        return Organisation.findByIdOptional(id);
    }

    @Transactional
    public Organisation create(OrganisationCommand command) {
        requireUniqueName(command.name(), null);
        Organisation organisation = new Organisation();
        organisation.id = UUID.randomUUID();
        organisation.createdAt = Clock.now();
        apply(organisation, command);
        organisation.persist();
        return organisation;
    }

    @Transactional
    public Organisation update(UUID id, ExpectedVersion expected, OrganisationCommand command) {
        Organisation organisation = Organisation.<Organisation>findByIdOptional(id)
                .orElseThrow(() -> ApiException.notFound("Organisation", id));
        expected.check(organisation.version);
        requireUniqueName(command.name(), id);
        apply(organisation, command);
        Organisation.getEntityManager().flush();
        return organisation;
    }

    /** Deletes an organisation nothing refers to; one with memberships or exchanges is 409. */
    @Transactional
    public void delete(UUID id, ExpectedVersion expected) {
        Organisation organisation = Organisation.<Organisation>findByIdOptional(id)
                .orElseThrow(() -> ApiException.notFound("Organisation", id));
        expected.check(organisation.version);
        long memberships = Membership.count("memberId", id);
        long exchanges = Organisation.getEntityManager()
                .createQuery("select count(e) from Exchange e where :id member of e.facilitatorIds", Long.class)
                .setParameter("id", id)
                .getSingleResult();
        if (memberships + exchanges > 0) {
            throw ApiException.conflict(organisation.name + " is referred to by " + memberships + " membership(s) and "
                    + exchanges + " exchange(s); it is kept for history");
        }
        organisation.delete();
    }

    /** Checks a command as creating or updating with it does, writing nothing: 400 for an unknown country. */
    public static void check(OrganisationCommand command) {
        if (command.country() != null && !COUNTRIES.contains(command.country())) {
            throw ApiException.badRequest("country", "unknown ISO 3166-1 alpha-2 code '" + command.country() + "'");
        }
    }

    private static void apply(Organisation organisation, OrganisationCommand command) {
        check(command);
        organisation.name = command.name().trim();
        organisation.kind = command.kind();
        organisation.country = command.country();
        organisation.website = command.website();
        organisation.updatedAt = Clock.now();
    }

    private static void requireUniqueName(String name, UUID self) {
        Optional<Organisation> existing = Organisation.findByName(name.trim());
        if (existing.isPresent() && !existing.get().id.equals(self)) {
            throw ApiException.conflict(
                    "An organisation named '" + existing.get().name + "' already exists (" + existing.get().id + ")");
        }
    }
}
