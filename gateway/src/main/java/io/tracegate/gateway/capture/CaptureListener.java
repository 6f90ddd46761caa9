package io.tracegate.gateway.capture;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Told of every capture job that commits events: query subscriptions notify their subscribers, shipments compose
 * documents and reconcile receipts. The one hook of the capture path; implementations are Spring beans.
 */
public interface CaptureListener {

    /**
     * In the job's transaction, on its connection, right before it commits: what is written here commits or rolls
     * back with the job, so nothing is lost between a commit and its listeners. Must be quick (one small write): the
     * job waits. The job's events may be on another connection (two-phase commit) and invisible here.
     */
    default void committing(Connection connection, CommittedCapture capture) throws SQLException {
    }

    /**
     * After the commit, on the capture's thread: hand the work off and return at once. What it throws is logged: the
     * job has committed whatever a listener does.
     */
    default void committed(CommittedCapture capture) {
    }
}
