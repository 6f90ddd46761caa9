package io.tracegate.gateway.exchange;

import io.tracegate.gateway.problem.ApiProblem;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Asynchronous MDNs partners post to {@code /as2/mdn}: matched to our message by its Original-Message-ID and the
 * sender's AS2 name, then judged like a synchronous one. A second copy of an MDN already recorded changes nothing.
 */
@Service
class AsyncMdnReceiver {

    private final Partners partners;
    private final Messages messages;
    private final OutboundSender sender;
    private final Clock clock;

    AsyncMdnReceiver(Partners partners, Messages messages, OutboundSender sender, Clock clock) {
        this.partners = partners;
        this.messages = messages;
        this.sender = sender;
        this.clock = clock;
    }

    void receive(List<MimeEntity.Header> headers, byte[] body) {
        MimeEntity entity = MimeEntity.of(headers, body);
        String from = As2Names.unquote(entity.header("AS2-From"));
        if (from == null) {
            throw ApiProblem.validation("not an AS2 MDN: the AS2-From header is missing");
        }
        Partner partner = partners.byAs2Id(from).orElseThrow(() -> ApiProblem.validation("AS2-From: no partner has"
                + " the AS2 name '" + from + "'"));
        Mdns.Received mdn;
        try {
            mdn = Mdns.read(entity, partner.x509Certificates());
        } catch (MessageFormatException e) {
            throw ApiProblem.validation("the MDN cannot be read: " + e.getMessage());
        }
        if (mdn.originalMessageId() == null) {
            throw ApiProblem.validation("the MDN has no Original-Message-ID: it cannot be matched to a message");
        }
        Messages.Outbound message = messages.outboundByMessageId(mdn.originalMessageId().strip())
                .filter(m -> m.partnerId() == partner.id())
                .orElseThrow(() -> ApiProblem.validation("Original-Message-ID: no message with Message-ID "
                        + mdn.originalMessageId() + " was sent to partner '" + from + "'"));
        if (!message.status().equals("sending")) {
            return; // decided already: a copy of the same MDN, or one that came after we gave up
        }
        sender.conclude(partner, message, message.sentAt() == null ? clock.instant() : message.sentAt(),
                new Mdns.Composed(entity.header("Message-ID"), headers, body));
    }
}
