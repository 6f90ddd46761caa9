package io.tracegate.gateway.capture;

import java.sql.SQLException;
import java.util.Set;

/**
 * A capture rolled back because it collided with a concurrent one: the row locks of the two formed a deadlock, or
 * both wrote the same new row (a container both packed into first, an event both captured). Running the job again
 * from its document resolves it: it then waits for the other, and sees what the other wrote.
 */
final class ConcurrentCaptureConflict extends Exception {

    /** serialization_failure, deadlock_detected, lock_not_available, unique_violation */
    private static final Set<String> STATES = Set.of("40001", "40P01", "55P03", "23505");

    ConcurrentCaptureConflict(String state, Throwable cause) {
        super(describe(state), cause);
    }

    /** The SQLSTATE of such a collision in the causes of {@code failure}, or null when it is something else. */
    static String stateOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (STATES.contains(e.getSQLState())) {
                        return e.getSQLState();
                    }
                }
            }
        }
        return null;
    }

    private static String describe(String state) {
        return switch (state) {
            case "40P01" -> "a deadlock between their row locks";
            case "23505" -> "both wrote the same new row";
            case "55P03" -> "a lock was not granted in time";
            default -> "their units changed while they were locked";
        };
    }
}
