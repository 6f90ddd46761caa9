package io.tracegate.gateway.query;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A shipping event as the reports show it: who sent what to whom, under which purchase orders and despatch advices.
 *
 * @param eventID        the event's ID (a hash ID when it was captured without one)
 * @param eventTime      when the goods left
 * @param seller         source owning party, or null
 * @param partner        the buyer: destination owning party, else destination location, or null
 * @param shipTo         destination location, or null
 * @param purchaseOrders bizTransactions of type {@code po}
 * @param despatchAdvices bizTransactions of type {@code desadv}
 * @param invoices       bizTransactions of type {@code inv}
 */
public record Shipment(String eventID, OffsetDateTime eventTime, String seller, String partner, String shipTo,
                       List<String> purchaseOrders, List<String> despatchAdvices, List<String> invoices) {
}
