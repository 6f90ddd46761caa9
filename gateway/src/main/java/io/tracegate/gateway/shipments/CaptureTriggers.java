package io.tracegate.gateway.shipments;

import io.tracegate.gateway.capture.CaptureListener;
import io.tracegate.gateway.capture.CommittedCapture;
import io.tracegate.gateway.security.ApiPrincipal;
import io.tracegate.gateway.security.Role;
import io.tracegate.gateway.serials.LifecycleMode;
import io.tracegate.gs1.Gln;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Where shipments learn of captures: a job of our own (a line's or warehouse's, enforcing the lifecycle rules) may
 * ship to a partner or receive a partner's shipment; a partner's job may carry a shipment document to us. Such a
 * job is recorded in {@code shipment_capture} inside its own transaction, and the worker is woken once it commits.
 * History imports by our own keys are neither: they record what happened elsewhere, long ago.
 */
@Component
class CaptureTriggers implements CaptureListener {

    private final ShipmentWorker worker;
    private final Clock clock;

    CaptureTriggers(ShipmentWorker worker, Clock clock) {
        this.worker = worker;
        this.clock = clock;
    }

    /** A partner's caller: its documents are what the partner sends us, not our own operations. */
    static boolean isPartner(ApiPrincipal caller) {
        return caller.hasRole(Role.PARTNER) && !caller.hasRole(Role.LINE) && !caller.hasRole(Role.ADMIN);
    }

    private static boolean concerns(CommittedCapture capture) {
        return capture.mode() == LifecycleMode.ENFORCE || isPartner(capture.submitter());
    }

    @Override
    public void committing(Connection connection, CommittedCapture capture) throws SQLException {
        if (!concerns(capture)) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into shipment_capture (job_id,"
                + " submitted_by, from_partner, partner_glns, lifecycle, document_sha256, recorded_at)"
                + " values (?, ?, ?, ?, ?, ?, ?)")) {
            ApiPrincipal submitter = capture.submitter();
            insert.setLong(1, capture.jobId());
            insert.setString(2, submitter.name());
            insert.setBoolean(3, isPartner(submitter));
            insert.setArray(4, connection.createArrayOf("text",
                    submitter.glns().stream().map(Gln::value).sorted().toArray()));
            insert.setString(5, capture.mode().name().toLowerCase(Locale.ROOT));
            insert.setString(6, capture.documentSha256());
            insert.setObject(7, OffsetDateTime.now(clock));
            insert.executeUpdate();
        }
    }

    @Override
    public void committed(CommittedCapture capture) {
        if (concerns(capture)) {
            worker.wake();
        }
    }
}
