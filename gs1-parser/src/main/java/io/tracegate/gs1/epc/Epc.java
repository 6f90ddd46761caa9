package io.tracegate.gs1.epc;

import io.tracegate.gs1.AiElement;
import io.tracegate.gs1.CheckDigit;
import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.Gtin;
import io.tracegate.gs1.Sscc;
import io.tracegate.gs1.ai.AiDefinition;
import io.tracegate.gs1.ai.AiTable;
import io.tracegate.gs1.dl.DigitalLink;

/**
 * An Electronic Product Code as EPCIS uses it: an instance (SGTIN, SSCC, SGLN) or a class (LGTIN, a GTIN's SGTIN
 * pattern), readable from its EPC URN or its GS1 Digital Link URI and writable as either. The Digital Link form is
 * canonical ({@code https://id.gs1.org}, the key set CBV 2.0 event hashing uses); the URN form needs the company
 * prefix length, which a {@link GcpLengthResolver} supplies.
 *
 * <p>Every problem raises a {@link Gs1Exception} whose {@link Gs1Exception#rule() rule} says what kind of problem it
 * is (stable codes, meant for programs; the message is for people) and whose span marks the offending part of
 * {@link Gs1Exception#input() the input}:
 * <ul>
 *   <li>{@code EPC_EMPTY}: no EPC given (null or empty);</li>
 *   <li>{@code EPC_SCHEME}: a URN of a scheme or pattern form not read here (GRAI, GIAI, ..., serial-level
 *       patterns), spanning the scheme or the pattern's unsupported fields;</li>
 *   <li>{@code EPC_SYNTAX}: a URN field missing or one too many, or a malformed {@code %XX} escape;</li>
 *   <li>{@code EPC_CSET}: a character the field does not allow: a non-digit in a numeric field, a character of a
 *       serial, lot or extension outside GS1 character set 82 (also as an escape), or one the URN must escape;</li>
 *   <li>{@code EPC_GCP_LENGTH}: a URN's company prefix field not of 6 to 12 digits;</li>
 *   <li>{@code EPC_LENGTH}: a URN's company prefix and reference not together the key's digits, a key of the wrong
 *       length, or a serial, lot or extension empty or longer than its AI allows (spanning the excess);</li>
 *   <li>{@code EPC_CHECK_DIGIT}: a key (from an element string) whose check digit is wrong;</li>
 *   <li>{@code EPC_NO_KEY}, {@code EPC_NO_SCHEME}: an element string without a key that has an EPC scheme here;</li>
 *   <li>{@code EPC_COMPONENT_EMPTY}: a value built with a null key, serial or lot;</li>
 *   <li>{@code GCP_LENGTH_UNKNOWN}, {@code GCP_LENGTH_INVALID}: writing a URN without a usable prefix length.</li>
 * </ul>
 * A Digital Link URI that does not parse fails with the rules of
 * {@link DigitalLink#parse(String, Gs1Parser)} ({@code DL_...} and the AI checks' rules).
 */
public sealed interface Epc permits Sgtin, Lgtin, SgtinPattern, SsccEpc, Sgln {

    /**
     * Reads an EPC URN ({@code urn:epc:id:sgtin:...}, {@code urn:epc:id:sscc:...}, {@code urn:epc:id:sgln:...},
     * {@code urn:epc:class:lgtin:...}, {@code urn:epc:idpat:sgtin:GCP.ItemRef.*}) or a GS1 Digital Link URI on any
     * domain (its primary key and qualifiers; query attributes are validated and dropped). Check digits are
     * recomputed; every field is validated.
     *
     * @throws Gs1Exception for anything that is not one of these identifiers, with the rule that failed (listed
     *                      above) and the offending span
     */
    static Epc parse(String urnOrDigitalLink) {
        if (urnOrDigitalLink == null || urnOrDigitalLink.isEmpty()) {
            throw new Gs1Exception(null, "EPC_EMPTY", urnOrDigitalLink, -1, -1, "no EPC given");
        }
        if (urnOrDigitalLink.startsWith("urn:") || urnOrDigitalLink.regionMatches(true, 0, "urn:", 0, 4)) {
            return EpcUrn.parse(urnOrDigitalLink);
        }
        return DigitalLinks.parse(urnOrDigitalLink);
    }

    /**
     * The most fine-grained EPC of the element string's first Digital Link primary key: (01) with (21) is an SGTIN,
     * else with (10) an LGTIN, else the GTIN's SGTIN pattern; (00) an SSCC; (414) an SGLN with (254) if present.
     *
     * @throws Gs1Exception when the first primary key has no EPC scheme here (or there is none)
     */
    static Epc fromElementString(ElementString elements) {
        AiTable table = AiTable.standard();
        for (AiElement e : elements.elements()) {
            AiDefinition d = table.get(e.ai());
            if (d == null || !d.dlPrimaryKey()) {
                continue;
            }
            try {
                return fromKey(e, elements);
            } catch (IllegalArgumentException bad) { // a key value that was never validated
                throw badKey(e);
            }
        }
        throw new Gs1Exception(null, "EPC_NO_KEY", elements.toString(), -1, -1,
                "no GTIN (01), SSCC (00) or GLN (414) to make an EPC from");
    }

    /** The GS1 element strings this EPC stands for, key first. */
    ElementString toElementString();

    /** The canonical GS1 Digital Link URI on {@code https://id.gs1.org}, path only. */
    default String toDigitalLink() {
        return DigitalLink.generate(toElementString(), DigitalLink.CANONICAL_STEM);
    }

    /**
     * The EPC URN, split at the company prefix length the resolver gives.
     *
     * @throws Gs1Exception when the resolver does not know the length (or gives one that cannot fit the key)
     */
    String toUrn(GcpLengthResolver resolver);

    private static Epc fromKey(AiElement key, ElementString elements) {
        return switch (key.ai()) {
            case "01" -> {
                Gtin gtin = new Gtin(key.value());
                if (elements.get("21") != null) {
                    yield new Sgtin(gtin, elements.get("21"));
                }
                if (elements.get("235") != null) {
                    throw new Gs1Exception("235", "EPC_NO_SCHEME", elements.toString(), -1, -1,
                            "a GTIN with a third-party controlled serial (235) has no EPC URN scheme here");
                }
                yield elements.get("10") != null ? new Lgtin(gtin, elements.get("10")) : new SgtinPattern(gtin);
            }
            case "00" -> new SsccEpc(new Sscc(key.value()));
            case "414" -> new Sgln(new Gln(key.value()), elements.get("254"));
            default -> throw new Gs1Exception(key.ai(), "EPC_NO_SCHEME", elements.toString(), -1, -1,
                    "key AI (" + key.ai() + ") has no EPC scheme here (supported: 01, 00, 414)");
        };
    }

    /** Why a key value was refused (its record says only that it was), spanning the fault in the value. */
    private static Gs1Exception badKey(AiElement key) {
        String v = key.value();
        int length = switch (key.ai()) {
            case "00" -> 18;
            case "414" -> 13;
            default -> 14;
        };
        String what = "key (" + key.ai() + ") '" + v + "'";
        if (v.length() != length) {
            return new Gs1Exception(key.ai(), "EPC_LENGTH", v, 0, v.length(),
                    what + " has " + v.length() + " digits, not " + length);
        }
        for (int i = 0; i < length; i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return new Gs1Exception(key.ai(), "EPC_CSET", v, i, i + 1, what + " has a non-digit at position " + i);
            }
        }
        return new Gs1Exception(key.ai(), "EPC_CHECK_DIGIT", v, length - 1, length, what + " has check digit "
                + v.charAt(length - 1) + ", expected " + CheckDigit.compute(v, 0, length - 1));
    }
}
