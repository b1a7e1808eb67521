package org.citybridge.kit.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.citybridge.kit.problem.ApiException;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.UUID;

/**
 * Who is calling, and the object-level rules every service applies: a city officer acts only for the
 * city named in the token's {@value #CITY_CLAIM} claim.
 */
@RequestScoped
public class Caller {

    public static final String CITY_CLAIM = "city_id";

    @Inject
    SecurityIdentity identity;

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }

    public boolean isAdmin() {
        return identity.hasRole(Roles.PLATFORM_ADMIN);
    }

    public boolean isPartnerSystem() {
        return identity.hasRole(Roles.PARTNER_SYSTEM);
    }

    /** A stable name for scoping idempotency keys; "anonymous" for public calls. */
    public String subject() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    /**
     * Who acts, for audit records and events: the token's {@code sub} (an opaque id; the principal's name
     * may be a user name or an e-mail address, personal data that must not spread), "anonymous" without one.
     */
    public String auditSubject() {
        return auditSubject(identity);
    }

    /** {@link #auditSubject()} of an identity at hand (a filter that must not block for it). */
    public static String auditSubject(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return "anonymous";
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    /** The platform roles of an identity, sorted. */
    public static java.util.List<String> platformRoles(SecurityIdentity identity) {
        return identity == null
                ? java.util.List.of()
                : Roles.ALL.stream().filter(identity::hasRole).sorted().toList();
    }

    /** The city an officer acts for, if the caller is a city officer with a readable claim. */
    public Optional<UUID> officerCity() {
        return officerCity(identity);
    }

    /** {@link #officerCity()} of an identity at hand. */
    public static Optional<UUID> officerCity(SecurityIdentity identity) {
        if (identity == null
                || !identity.hasRole(Roles.CITY_OFFICER)
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Optional.empty();
        }
        Object claim = jwt.getClaim(CITY_CLAIM);
        if (claim == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(claim.toString().replace("\"", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** True for admins and for the officer of this city. */
    public boolean actsFor(UUID cityId) {
        return isAdmin() || officerCity().filter(cityId::equals).isPresent();
    }

    /** Admins, and the officer of this city, pass; everybody else gets 403. */
    public void requireActsFor(UUID cityId) {
        if (!actsFor(cityId)) {
            throw ApiException.forbidden("You may act only for your own city");
        }
    }
}
