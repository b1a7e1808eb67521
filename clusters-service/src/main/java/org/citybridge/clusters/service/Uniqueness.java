package org.citybridge.clusters.service;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.citybridge.kit.problem.ApiException;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Persists an entity whose uniqueness a database constraint guards: rules are checked first for a
 * clear answer, and the constraint turns a concurrent duplicate into the same 409 instead of a 500.
 */
final class Uniqueness {

    private Uniqueness() {
    }

    static void persist(PanacheEntityBase entity, String conflictDetail) {
        try {
            entity.persistAndFlush();
        } catch (ConstraintViolationException e) {
            throw ApiException.conflict(conflictDetail);
        } catch (jakarta.persistence.PersistenceException e) {
            if (e.getCause() instanceof ConstraintViolationException) {
                throw ApiException.conflict(conflictDetail);
            }
            throw e;
        }
    }
}
