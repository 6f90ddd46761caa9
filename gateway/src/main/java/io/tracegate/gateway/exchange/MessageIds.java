package io.tracegate.gateway.exchange;

import java.util.UUID;

/** New RFC 5322 Message-IDs: {@code <uuid@as2-name>}, the AS2 name reduced to characters safe in a msg-id. */
final class MessageIds {

    private MessageIds() {
    }

    static String next(String as2Id) {
        return "<" + UUID.randomUUID() + "@" + as2Id.replaceAll("[^A-Za-z0-9.-]", "_") + ">";
    }
}
