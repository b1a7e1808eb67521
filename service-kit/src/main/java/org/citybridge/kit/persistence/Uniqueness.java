package org.citybridge.kit.persistence;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.PersistenceException;
import org.citybridge.kit.problem.ApiException;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Writes whose uniqueness a database constraint guards: services check their rules first for a clear
 * answer, and the constraint turns a concurrent duplicate into the same 409 instead of a 500. Only a unique
 * constraint's violation is a duplicate; another constraint's is thrown on as it came.
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
            throw conflictOr(e, e, conflictDetail);
        } catch (PersistenceException e) {
            if (e.getCause() instanceof ConstraintViolationException violation) {
                throw conflictOr(violation, e, conflictDetail);
            }
            throw e;
        }
    }

    /** The 409 for a unique constraint; any other (a foreign key, a check) is not a duplicate, and goes on as it came. */
    private static RuntimeException conflictOr(
            ConstraintViolationException violation, RuntimeException thrown, String conflictDetail) {
        return violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE
                ? ApiException.conflict(conflictDetail)
                : thrown;
    }
}
