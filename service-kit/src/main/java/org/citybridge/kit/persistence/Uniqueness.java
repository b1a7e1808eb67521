package org.citybridge.kit.persistence;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.PersistenceException;
import org.citybridge.kit.problem.ApiException;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Writes whose uniqueness a database constraint guards: services check their rules first for a clear
 * answer, and the constraint turns a concurrent duplicate into the same 409 instead of a 500.
 */
public final class Uniqueness {

    private Uniqueness() {}

    /** Persists and flushes a new entity; a unique constraint violated → 409 with {@code conflictDetail}. */
    public static void persist(PanacheEntityBase entity, String conflictDetail) {
        guard(entity::persistAndFlush, conflictDetail);
    }

    /** Flushes pending changes; a unique constraint violated → 409 with {@code conflictDetail}. */
    public static void flush(String conflictDetail) {
        guard(Panache::flush, conflictDetail);
    }

    private static void guard(Runnable write, String conflictDetail) {
        try {
            write.run();
        } catch (ConstraintViolationException e) {
            throw ApiException.conflict(conflictDetail);
        } catch (PersistenceException e) {
            if (e.getCause() instanceof ConstraintViolationException) {
                throw ApiException.conflict(conflictDetail);
            }
            throw e;
        }
    }
}
