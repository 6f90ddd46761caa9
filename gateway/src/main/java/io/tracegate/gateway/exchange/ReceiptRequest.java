package io.tracegate.gateway.exchange;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The receipt a sender asks for, from its request headers: whether an MDN is wanted at all
 * ({@code Disposition-Notification-To}), signed or not and with which MIC algorithms
 * ({@code Disposition-Notification-Options: signed-receipt-protocol=optional, pkcs7-signature;
 * signed-receipt-micalg=optional, sha-256, sha1}), and where to if asynchronous ({@code Receipt-Delivery-Option}).
 *
 * @param micAlgorithms the requested MIC algorithms we support, in the sender's order of preference
 * @param oldNames      whether the sender spelled them the RFC 3851 way ({@code sha256}), as the MDN then does
 */
record ReceiptRequest(boolean wanted, boolean signed, List<MicAlgorithm> micAlgorithms, boolean oldNames,
        URI asyncUrl) {

    static ReceiptRequest of(MimeEntity request) {
        boolean wanted = request.header("Disposition-Notification-To") != null;
        boolean signed = false;
        List<MicAlgorithm> algorithms = new ArrayList<>();
        boolean oldNames = false;
        String options = request.header("Disposition-Notification-Options");
        if (options != null) {
            for (String option : options.split(";")) {
                int equals = option.indexOf('=');
                if (equals < 0) {
                    continue;
                }
                String name = option.substring(0, equals).strip().toLowerCase(Locale.ROOT);
                String[] values = option.substring(equals + 1).split(",");
                // values[0] is the importance (required / optional)
                for (int i = 1; i < values.length; i++) {
                    String value = values[i].strip();
                    if (name.equals("signed-receipt-protocol") && value.equalsIgnoreCase("pkcs7-signature")) {
                        signed = true;
                    } else if (name.equals("signed-receipt-micalg") && MicAlgorithm.find(value).isPresent()) {
                        oldNames |= algorithms.isEmpty() && !value.contains("-");
                        algorithms.add(MicAlgorithm.find(value).get());
                    }
                }
            }
        }
        URI async = null;
        String delivery = request.header("Receipt-Delivery-Option");
        if (delivery != null && !delivery.isBlank()) {
            try {
                async = URI.create(delivery.strip());
            } catch (IllegalArgumentException e) {
                throw new MessageFormatException("the Receipt-Delivery-Option '" + delivery + "' is not a URL");
            }
        }
        return new ReceiptRequest(wanted, signed, List.copyOf(algorithms), oldNames, async);
    }

    /** The MIC algorithm to report: the sender's first supported choice, else the one it signed with, else SHA-256. */
    MicAlgorithm micAlgorithm(Optional<MicAlgorithm> signedWith) {
        return micAlgorithms.isEmpty() ? signedWith.orElse(MicAlgorithm.SHA256) : micAlgorithms.get(0);
    }

    /** The request headers that ask a partner for this receipt. */
    static List<MimeEntity.Header> headers(String returnAddress, MicAlgorithm mic, boolean oldNames, URI asyncUrl) {
        List<MimeEntity.Header> headers = new ArrayList<>();
        headers.add(new MimeEntity.Header("Disposition-Notification-To", returnAddress));
        headers.add(new MimeEntity.Header("Disposition-Notification-Options",
                "signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, "
                        + mic.as2Name(oldNames)));
        if (asyncUrl != null) {
            headers.add(new MimeEntity.Header("Receipt-Delivery-Option", asyncUrl.toString()));
        }
        return headers;
    }
}
