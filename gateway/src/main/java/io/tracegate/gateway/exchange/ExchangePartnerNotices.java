package io.tracegate.gateway.exchange;

import io.tracegate.gateway.compliance.PartnerNotices;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.Sgln;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Illegitimate product notifications (compliance) go to the partner whose GLNs include the party's, as a JSON
 * document on the durable outbound queue (signed and encrypted as every document to that partner), in the caller's
 * transaction: the notification is queued if and only if the investigation's close commits.
 */
@Component
class ExchangePartnerNotices implements PartnerNotices {

    private static final Logger log = LoggerFactory.getLogger(ExchangePartnerNotices.class);
    private static final String PGLN = "urn:epc:id:pgln:";

    private final Partners partners;
    private final Exchange exchange;

    ExchangePartnerNotices(Partners partners, Exchange exchange) {
        this.partners = partners;
        this.exchange = exchange;
    }

    @Override
    public boolean send(String party, byte[] document) {
        Optional<Partner> partner = gln(party).flatMap(partners::byGln);
        if (partner.isEmpty()) {
            return false;
        }
        try {
            exchange.send(partner.get().id(), document, "application/json");
            return true;
        } catch (ApiProblem cannotSend) { // e.g. none of its certificates is valid now: recorded as not sent
            log.warn("The illegitimate product notification for {} cannot be sent to partner {}: {}", party,
                    partner.get().id(), cannotSend.getMessage());
            return false;
        }
    }

    /** The GLN of a party: an SGLN (URN or Digital Link), a PGLN URN, or the 13 digits themselves. */
    static Optional<Gln> gln(String party) {
        try {
            if (party.startsWith(PGLN)) {
                return Optional.of(Gln.withCheckDigit(party.substring(PGLN.length()).replace(".", "")));
            }
            if (party.matches("\\d{13}")) {
                return Optional.of(new Gln(party));
            }
            return Epc.parse(party) instanceof Sgln sgln ? Optional.of(sgln.gln()) : Optional.empty();
        } catch (Gs1Exception | IllegalArgumentException notAGln) {
            return Optional.empty();
        }
    }
}
