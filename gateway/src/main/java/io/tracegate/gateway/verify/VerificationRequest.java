package io.tracegate.gateway.verify;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gs1.AiElement;
import io.tracegate.gs1.ExpiryDate;
import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.Gtin;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * An LMS verification request, checked: {@code GET /vrs/gtin/{gtin}/lot/{lot}/ser/{ser}?exp=YYMMDD
 * &linkType=verificationService&context=..&reqGLN=..&corrUUID=..}.
 *
 * @param corrUuid as the requestor gave it, or generated when it gave none
 */
public record VerificationRequest(ProductIdentifier product, String context, Gln reqGln, String corrUuid) {

    static final String LINK_TYPE = "verificationService";
    static final String DEFAULT_CONTEXT = "dscsaSaleableReturn";
    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The request's parameters as received: every one may be missing or malformed. */
    record Raw(String gtin, String lot, String ser, String exp, String linkType, String context, String reqGln,
               String corrUuid) {
    }

    /**
     * Checks every parameter; the first that is wrong is a 400 naming it: GTIN-14 with its check digit, lot and
     * serial of 1 to 20 CSET 82 characters, {@code exp} a valid YYMMDD ({@code 00} day allowed), {@code linkType}
     * {@value #LINK_TYPE}, {@code context} in the allow-list (default {@value #DEFAULT_CONTEXT}), {@code reqGLN} a GLN
     * with its check digit, {@code corrUUID} a UUID.
     */
    static VerificationRequest check(Raw raw, Gs1Parser parser, Set<String> contexts, Clock clock) {
        ProductIdentifier product = product(raw.gtin(), raw.ser(), raw.lot(), raw.exp(), parser, clock);
        if (raw.linkType() == null) {
            throw ApiProblem.validation("linkType: required, and must be '" + LINK_TYPE + "'");
        }
        if (!LINK_TYPE.equals(raw.linkType())) {
            throw ApiProblem.validation("linkType: '" + raw.linkType() + "' is not '" + LINK_TYPE + "'");
        }
        String context = raw.context() == null ? DEFAULT_CONTEXT : raw.context();
        if (!contexts.contains(context)) {
            throw ApiProblem.validation("context: '" + context + "' is not one this responder accepts " + contexts);
        }
        return new VerificationRequest(product, context, reqGln(raw.reqGln()), corrUuid(raw.corrUuid()));
    }

    /** Checks a product identifier's four parts with the GS1 rules of AIs (01), (21), (10) and (17). */
    static ProductIdentifier product(String gtin, String serial, String lot, String exp, Gs1Parser parser,
            Clock clock) {
        require("gtin", gtin);
        require("lot", lot);
        require("ser", serial);
        require("exp", exp);
        if (gtin.length() != 14) {
            throw ApiProblem.validation("gtin: '" + gtin + "' is not a GTIN-14 (14 digits)");
        }
        try {
            parser.validate(List.of(new AiElement("01", gtin), new AiElement("21", serial), new AiElement("10", lot),
                    new AiElement("17", exp)));
        } catch (Gs1Exception e) {
            throw ApiProblem.validation(field(e.ai()) + ": '" + value(e.ai(), gtin, serial, lot, exp)
                    + "' is not valid: " + e.getMessage());
        }
        return new ProductIdentifier(new Gtin(gtin), serial, lot, ExpiryDate.parse(exp, clock));
    }

    private static void require(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw ApiProblem.validation(field + ": required");
        }
    }

    private static String field(String ai) {
        return switch (ai == null ? "" : ai) {
            case "01" -> "gtin";
            case "21" -> "ser";
            case "10" -> "lot";
            case "17" -> "exp";
            default -> "gtin, ser, lot, exp";
        };
    }

    private static String value(String ai, String gtin, String serial, String lot, String exp) {
        return switch (ai == null ? "" : ai) {
            case "01" -> gtin;
            case "21" -> serial;
            case "10" -> lot;
            case "17" -> exp;
            default -> String.join(", ", gtin, serial, lot, exp);
        };
    }

    static Gln reqGln(String text) {
        require("reqGLN", text);
        try {
            return new Gln(text);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.validation("reqGLN: " + e.getMessage());
        }
    }

    /**
     * A random (version 4) UUID from {@link ThreadLocalRandom}: a correlation id needs to be unique, not secret, and
     * {@link UUID#randomUUID()} reads the operating system's random source under a lock on every call (a system call
     * per verification when requestors send none).
     */
    static String generatedCorrUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(0xC000L << 48) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }

    private static String corrUuid(String text) {
        if (text == null || text.isEmpty()) {
            return generatedCorrUuid();
        }
        if (!UUID_FORM.matcher(text).matches()) {
            throw ApiProblem.validation("corrUUID: '" + text + "' is not a UUID (8-4-4-4-12 hexadecimal digits)");
        }
        return text;
    }
}
