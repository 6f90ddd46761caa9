package io.tracegate.gateway.shipments;

import io.tracegate.gateway.compliance.AuditTrail;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Shipments' records in the audit trail, appended as the last statements of the transaction that makes the change
 * (right before it commits, in the order asked): an append holds the trail's lock until the commit, so it must come
 * after the rest of the transaction's work, which is spread over several services here.
 */
@Component
class AuditAtCommit {

    private final AuditTrail audit;

    AuditAtCommit(AuditTrail audit) {
        this.audit = audit;
    }

    /**
     * Records the action when the current (Spring-managed) transaction commits; nothing when it rolls back.
     *
     * @param actor the API key's name, or {@link AuditTrail#SYSTEM} for the worker
     */
    void record(String actor, String action, List<String> objectIds, String payloadSha256) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                audit.record(actor, action, objectIds, payloadSha256);
            }
        });
    }
}
