package org.citybridge.kit.problem;

import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

import java.sql.SQLException;
import java.util.Locale;

/**
 * What a failure says about the database, read anywhere in its cause chain: the same answers for the
 * REST layer (503 or 500) and the inbox (retry or dead-letter).
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /**
     * The database is restarting or unreachable (SQLState class 08, connection exception, except 08P01,
     * a protocol violation; 57P, operator intervention; 53300, too many connections), or no pooled
     * connection came free or could be opened within the pool's acquisition timeout (Agroal says so only
     * in its message): a temporary condition, not a bug of the request.
     */
    public static boolean unavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") && !state.equals("08P01") || state.startsWith("57P")
                        || state.equals("53300"))) {
                    return true;
                }
                String message = sql.getMessage();
                if (message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The database refused the data itself: SQLState class 22 (data exception, e.g. a value too long for
     * its column), 23502 (a required value missing) or 23514 (a check constraint). The same data will be
     * refused again, so retrying is pointless. A lost race on a unique key (23505), a foreign key not yet
     * there (23503) and serialisation failures (40001) are not in it: a retry can pass.
     */
    public static boolean invalidData(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("22") || state.equals("23502") || state.equals("23514")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A write that lost a race for one row: it passed its checks, but the row's version changed before it
     * committed (another write of the same row got through first). Its transaction was rolled back.
     */
    public static boolean lostConcurrentUpdate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause: what a transaction's wrappers were about. */
    public static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
