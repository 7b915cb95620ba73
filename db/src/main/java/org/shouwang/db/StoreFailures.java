package org.shouwang.db;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * The one place that tells a database failure that will pass (server down, connection lost, deadlock, out of
 * resources: retry with backoff) from one that a particular row causes and that no retry will cure (a value
 * PostgreSQL refuses, a broken constraint: set the row aside and go on), after Debezium's
 * {@code PostgresErrorHandler}. Anything else, such as a missing table or a permission, is a fault of the
 * installation, not of a message: it is retried (and reported as not ready) so no message is thrown away for it.
 */
public final class StoreFailures {

    /** How a failure is handled. */
    public enum Kind {
        /** Will pass by itself; retry the same work later. */
        TRANSIENT,
        /** Caused by the data being written; retrying it unchanged fails again. */
        DATA_REFUSED
    }

    private StoreFailures() {
    }

    public static Kind classify(Throwable failure) {
        SQLException sql = sqlCause(failure);
        if (sql == null) {
            // Not the database at all: our own code threw on something in the batch. Treat it like refused data,
            // so that splitting the batch finds the one message it throws on instead of stopping every message.
            return Kind.DATA_REFUSED;
        }
        if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException) {
            return Kind.TRANSIENT;
        }
        String state = sql.getSQLState();
        if (state == null || state.length() < 2) {
            return Kind.TRANSIENT;
        }
        return switch (state.substring(0, 2)) {
            // 22: data exception (bad encoding, value out of range); 23: integrity constraint violation.
            case "22", "23" -> Kind.DATA_REFUSED;
            default -> Kind.TRANSIENT;
        };
    }

    /** The SQLSTATE of the failure, or null when it did not come from the database. */
    public static String sqlState(Throwable failure) {
        SQLException sql = sqlCause(failure);
        return sql == null ? null : sql.getSQLState();
    }

    private static SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
            if (t.getCause() == t) {
                return null;
            }
        }
        return null;
    }
}
