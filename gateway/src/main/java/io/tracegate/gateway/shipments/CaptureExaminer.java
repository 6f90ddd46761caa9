package io.tracegate.gateway.shipments;

import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.gateway.capture.CaptureService;
import io.tracegate.gateway.capture.EventStore;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Acts on the capture jobs {@link CaptureTriggers} recorded, each in one transaction with the deletion of its row:
 * our own shipping events to a partner become pending shipments, our own receiving events reconcile the receipts
 * they name, and a partner's document becomes expected receipts.
 */
@Component
class CaptureExaminer {

    private static final Logger log = LoggerFactory.getLogger(CaptureExaminer.class);
    /** Jobs looked at per round; a job whose events are not visible yet is passed over until they are. */
    private static final int ROUND = 20;
    private static final Duration RETRY = Duration.ofMinutes(1);

    /** A recorded job. */
    record Job(long jobId, String submittedBy, boolean fromPartner, List<String> partnerGlns, String lifecycle,
               String documentSha256) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CaptureService captures;
    private final EventStore events;
    private final Shipments shipments;
    private final Receipts receipts;
    private final InboundDocuments inbound;
    private final Clock clock;

    CaptureExaminer(JdbcClient jdbc, PlatformTransactionManager transactionManager, CaptureService captures,
            EventStore events, Shipments shipments, Receipts receipts, InboundDocuments inbound, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.captures = captures;
        this.events = events;
        this.shipments = shipments;
        this.receipts = receipts;
        this.inbound = inbound;
        this.clock = clock;
    }

    /** Examines one job whose events can be read; false when there is none. */
    boolean examineNext() {
        List<Long> due = jdbc.sql("select job_id from shipment_capture where next_attempt_at is null"
                        + " or next_attempt_at <= ? order by job_id limit ?")
                .params(OffsetDateTime.now(clock), ROUND).query(Long.class).list();
        for (long jobId : due) {
            if (!captures.ended(jobId)) {
                continue; // a large job's events are committed a moment after the job
            }
            try {
                if (Boolean.TRUE.equals(transactions.execute(status -> examine(jobId)))) {
                    return true;
                }
            } catch (RuntimeException e) {
                log.warn("Capture job {} could not be examined for shipments; tried again in {}", jobId, RETRY, e);
                jdbc.sql("update shipment_capture set attempts = attempts + 1, next_attempt_at = ?, error = ?"
                                + " where job_id = ?")
                        .params(OffsetDateTime.now(clock).plus(RETRY), String.valueOf(e.getMessage()), jobId)
                        .update();
            }
        }
        return false;
    }

    /** Claims the job's row (another gateway may hold it), acts on the job and deletes the row. */
    private boolean examine(long jobId) {
        Optional<Job> claimed = jdbc.sql("select * from shipment_capture where job_id = ? for update skip locked")
                .param(jobId).query((rs, n) -> new Job(rs.getLong("job_id"), rs.getString("submitted_by"),
                        rs.getBoolean("from_partner"), strings(rs.getArray("partner_glns")), rs.getString("lifecycle"),
                        rs.getString("document_sha256"))).optional();
        if (claimed.isEmpty()) {
            return false;
        }
        Job job = claimed.get();
        if (job.fromPartner()) {
            inbound.received(job);
        } else {
            for (EventStore.StoredBody stored : events.shippingAndReceiving(jobId)) {
                EpcisEvent event = StoredEvents.event(stored.body());
                if (StoredEvents.is(event.bizStep(), "shipping")) {
                    shipments.consider(stored.ref(), event);
                } else {
                    receipts.receivingEvent(stored.ref(), event, job.submittedBy());
                }
            }
        }
        jdbc.sql("delete from shipment_capture where job_id = ?").param(jobId).update();
        return true;
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String.class::cast).toList();
    }
}
