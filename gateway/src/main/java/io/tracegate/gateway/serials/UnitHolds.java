package io.tracegate.gateway.serials;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;

/**
 * Units that must not be shipped, and why: the serial store asks, whoever holds units answers (compliance's
 * investigations quarantine suspect product). Declared here so that the store depends on no one.
 */
public interface UnitHolds {

    /** A unit about to be shipped: its key, and its GTIN and lot when known (a whole lot may be held). */
    record Candidate(String key, String gtin, String lot) {
    }

    /**
     * Which of these units are held, by key, each with a sentence naming what holds it. Called on the capture's
     * connection, in its transaction, once the units' rows are locked; at most once or twice per batch of events,
     * only when the batch ships something. An implementation must make a hold that commits while a capture is
     * running either be seen here or see that capture's outcome (see docs/compliance.md).
     */
    Map<String, String> held(Connection connection, Collection<Candidate> units) throws SQLException;
}
