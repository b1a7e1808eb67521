package org.citybridge.kit.problem;

import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What a failure says about the database, read anywhere in its cause chain: the same answers for the
 * REST layer (503 or 500) and the inbox (retry or dead-letter).
 */
public final class DatabaseFailures {

    private DatabaseFailures() {}

    /**
     * The database is restarting or unreachable (SQLState class 08, connection exception, except 08P01,
     * a protocol violation; 57P, operator intervention; 53300, too many connections), or no pooled
     * connection came free or could be opened within the pool's acquisition timeout (Agroal says so only
     * in its message): a temporary condition, not a bug of the request.
     */
    public static boolean unavailable(Throwable e) {
        return causesAndSuppressed(e).anyMatch(t -> t instanceof SQLException sql && unavailable(sql));
    }

    private static boolean unavailable(SQLException sql) {
        String state = sql.getSQLState();
        if (state != null
                && (state.startsWith("08") && !state.equals("08P01")
                        || state.startsWith("57P")
                        || state.equals("53300"))) {
            return true;
        }
        String message = sql.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }

    /**
     * The database refused the data itself: SQLState class 22 (data exception, e.g. a value too long for
     * its column), 23502 (a required value missing) or 23514 (a check constraint). The same data will be
     * refused again, so retrying is pointless. A lost race on a unique key (23505), a foreign key not yet
     * there (23503) and serialisation failures (40001) are not in it: a retry can pass.
     */
    public static boolean invalidData(Throwable e) {
        return causesAndSuppressed(e)
                .anyMatch(t -> t instanceof SQLException sql
                        && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("22")
                                || sql.getSQLState().equals("23502")
                                || sql.getSQLState().equals("23514")));
    }

    /**
     * A write that lost a race for one row: it passed its checks, but the row's version changed before it
     * committed (another write of the same row got through first). Its transaction was rolled back.
     */
    public static boolean lostConcurrentUpdate(Throwable e) {
        return causesAndSuppressed(e)
                .anyMatch(t -> t instanceof OptimisticLockException || t instanceof StaleStateException);
    }

    /** The innermost cause: what a transaction's wrappers were about. */
    public static Throwable rootCause(Throwable e) {
        return causeChain(e).reduce((outer, inner) -> inner).orElse(e);
    }

    /**
     * The failure, its causes and what each suppressed, outermost first: a commit that fails because the
     * database went away is a RollbackException whose SQL failure is suppressed, not its cause.
     */
    static Stream<Throwable> causesAndSuppressed(Throwable e) {
        java.util.List<Throwable> found = new java.util.ArrayList<>();
        java.util.Deque<Throwable> pending = new java.util.ArrayDeque<>(java.util.List.of(e));
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!pending.isEmpty()) {
            Throwable t = pending.removeFirst();
            if (!seen.add(t)) {
                continue;
            }
            found.add(t);
            java.util.List<Throwable> next = new java.util.ArrayList<>();
            if (t.getCause() != null) {
                next.add(t.getCause());
            }
            next.addAll(java.util.Arrays.asList(t.getSuppressed()));
            for (int i = next.size() - 1; i >= 0; i--) {
                pending.addFirst(next.get(i));
            }
        }
        return found.stream();
    }

    /** The failure and its causes, outermost first (a cause that is its own cause ends the chain). */
    static Stream<Throwable> causeChain(Throwable e) {
        return Stream.iterate(e, Objects::nonNull, t -> t.getCause() == t ? null : t.getCause());
    }
}
