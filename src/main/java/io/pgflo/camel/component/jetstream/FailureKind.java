package io.pgflo.camel.component.jetstream;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells transient failures (the sink's disk, network or database is unavailable for now) from failures
 * of the message itself. Transient failures are retried forever and never dead-lettered, so an outage
 * of the target loses nothing.
 */
public final class FailureKind {

    private FailureKind() {
    }

    /** Whether the failure is one of the target's availability, retried forever and never dead-lettered. */
    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exceptions; 53: insufficient resources; 57P: the server is shutting down;
                // 40001 and 40P01: serialization failure and deadlock, which succeed when tried again.
                if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P") || state.equals("40001")
                        || state.equals("40P01")) {
                    return true;
                }
            }
        }
        return false;
    }

    static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
