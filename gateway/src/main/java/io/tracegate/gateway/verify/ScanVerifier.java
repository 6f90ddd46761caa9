package io.tracegate.gateway.verify;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import io.tracegate.gateway.security.ApiPrincipal;
import io.tracegate.gateway.serials.SerialStore;
import io.tracegate.gateway.verify.VerifyService.Verification;
import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.ExpiryDate;
import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.dl.DigitalLink;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Scan-to-verify: raw scanner output in any form gs1-parser reads, verified like an LMS request, answered with a
 * sentence for a person.
 *
 * <p>A scan that reads more than one way (a scanner that dropped a GS separator) has each complete reading (GTIN,
 * serial, lot and expiry) verified, and the best is used: verified, else one whose unit exists, else the parser's
 * first. When none exists the answer says to scan again. A reading not used is only worth a warning when it
 * matters: its unit exists, or it changes the GTIN, serial, lot or expiry to a value the serial store knows (a GTIN
 * with lots, a unit, a lot of that GTIN, that lot's expiry). Most such doubts (a serial ending {@code ...77994R}
 * that also reads as serial {@code ...77} plus AI (99)) are noise, and a warning on each would teach people to
 * ignore warnings.
 */
@Service
class ScanVerifier {

    private final VerifyService verifier;
    private final Gs1Parser parser;
    private final VerifyProperties properties;
    private final Clock clock;

    ScanVerifier(VerifyService verifier, Gs1Parser parser, VerifyProperties properties, Clock clock) {
        this.verifier = verifier;
        this.parser = parser;
        this.properties = properties;
        this.clock = clock;
    }

    /** The answer to a scan: the fields of the chosen reading and the verdict as this requestor may see it. */
    record ScanAnswer(Boolean verified, String verificationFailureReason, String additionalInfo, String gtin,
                      String serial, String lot, String expiry, List<String> warnings, String sentence,
                      String verdict, List<String> otherReadings, String corrUUID) {
    }

    /** One way of reading the scan, with its product identifier when it is complete. */
    private record Reading(ElementString elements, ProductIdentifier product) {
    }

    /** Verifies a scan for this caller; {@code channel} is {@code scan} or {@code image}. */
    ScanAnswer verify(ApiPrincipal caller, String scan, String reqGlnText, String channel) {
        long start = System.nanoTime();
        Gln reqGln = reqGln(caller, reqGlnText);
        List<Reading> readings = readings(parse(scan));
        // one correlation id for the scan: every reading verified is part of the same question
        String corrUuid = UUID.randomUUID().toString();
        Map<Reading, Verification> verified = new LinkedHashMap<>();
        for (Reading reading : readings) {
            if (reading.product() != null) {
                verified.put(reading, verifier.verify(reading.product(), reqGln,
                        VerificationRequest.DEFAULT_CONTEXT, corrUuid));
            }
        }
        if (verified.isEmpty()) {
            throw ApiProblem.validation("scan: " + missing(readings.get(0).elements()));
        }
        Reading chosen = null;
        for (Reading reading : verified.keySet()) {
            if (chosen == null || rank(verified.get(reading)) > rank(verified.get(chosen))) {
                chosen = reading;
            }
        }
        Verification verification = verified.get(chosen);
        for (var e : verified.entrySet()) {
            VerificationRequest request = new VerificationRequest(e.getValue().product(),
                    VerificationRequest.DEFAULT_CONTEXT, reqGln, corrUuid);
            verifier.log(VrsController.entry(caller, request, e.getValue(),
                    e.getKey() == chosen ? channel : "scan-alternative", start, clock));
        }
        Verdict shown = verification.verdict() == null || verification.local() == null ? verification.verdict()
                : verification.verdict().disclosedTo(properties.policyOf(caller.name()));
        boolean ambiguous = readings.size() > 1;
        boolean noneExists = verified.values().stream().noneMatch(ScanVerifier::exists);
        List<String> warnings = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Reading reading : readings) {
            if (reading != chosen) {
                others.add(reading.elements().toBracketed());
                if (!noneExists && matters(reading, chosen, verified.get(reading))) {
                    warnings.add("This scan can also be read as " + reading.elements().toBracketed()
                            + ", which the manufacturer also knows: check the pack's printed text");
                }
            }
        }
        String sentence = ambiguous && noneExists && verification.verdict() != null ? Sentences.SCAN_AGAIN
                : Sentences.of(verification, shown);
        String colour = ambiguous && noneExists && verification.verdict() != null ? "amber"
                : Sentences.colour(shown, !warnings.isEmpty());
        ProductIdentifier pack = chosen.product();
        return new ScanAnswer(shown == null ? null : shown.verified(),
                shown == null || shown.reason() == null ? null : shown.reason().code(),
                shown == null || shown.info() == null ? null : shown.info().code(), pack.gtin().value(),
                pack.serial(), pack.lot(), pack.expiry().date().toString(), warnings, sentence, colour, others,
                corrUuid);
    }

    /** The GLN the caller verifies for: the one asked for (within the key's limits), its only GLN, or ours. */
    private Gln reqGln(ApiPrincipal caller, String text) {
        if (text != null) {
            Gln gln = VerificationRequest.reqGln(text);
            if (!caller.mayUseGln(gln)) {
                throw new ApiProblem(EpcisProblemType.SECURITY, HttpStatus.FORBIDDEN, "reqGLN: the key '"
                        + caller.name() + "' may not verify for GLN " + gln);
            }
            return gln;
        }
        if (caller.glns().size() == 1) {
            return caller.glns().iterator().next();
        }
        return properties.responderGln();
    }

    private ElementString parse(String scan) {
        if (scan == null || scan.isBlank()) {
            throw ApiProblem.validation("scan: required (the scanner's output)");
        }
        String text = trimSpaces(scan);
        try {
            if (text.startsWith("]")) {
                return parser.parseScanData(text);
            }
            if (text.startsWith("(")) {
                return parser.parseBracketed(text);
            }
            if (text.startsWith("^")) {
                return parser.parseUnbracketed(text);
            }
            if (text.regionMatches(true, 0, "http", 0, 4)) {
                return parser.parseDigitalLink(text);
            }
            if (!text.isEmpty() && Character.isDigit(text.charAt(0))) {
                // a scanner set not to send the symbology identifier: GS1 data, as from a DataMatrix
                return parser.parseScanData("]d2" + text);
            }
        } catch (Gs1Exception e) {
            throw ApiProblem.validation("scan: " + e.getMessage());
        }
        throw ApiProblem.validation("scan: '" + text + "' is no GS1 scan (expected ]d2..., (01)..., ^01..., a GS1"
                + " Digital Link, or the digits of the element strings)");
    }

    /** Spaces, CR and LF around the scan (a keyboard wedge's Enter); GS is data, so String.strip() is not used. */
    private static String trimSpaces(String scan) {
        int start = 0;
        int end = scan.length();
        while (start < end && " \r\n\t".indexOf(scan.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && " \r\n\t".indexOf(scan.charAt(end - 1)) >= 0) {
            end--;
        }
        return scan.substring(start, end);
    }

    /** The parser's reading first, then its alternatives, each with its product identifier when complete. */
    private List<Reading> readings(ElementString primary) {
        List<Reading> readings = new ArrayList<>();
        readings.add(reading(primary));
        primary.ambiguity().ifPresent(ambiguity -> ambiguity.alternatives()
                .forEach(elements -> readings.add(reading(parser.validate(elements)))));
        return readings;
    }

    private Reading reading(ElementString elements) {
        if (elements.gtin() == null || elements.serial() == null || elements.lot() == null
                || elements.get("17") == null) {
            return new Reading(elements, null);
        }
        return new Reading(elements, new ProductIdentifier(elements.gtin(), elements.serial(), elements.lot(),
                ExpiryDate.parse(elements.get("17"), clock)));
    }

    private static String missing(ElementString elements) {
        List<String> absent = new ArrayList<>();
        if (elements.gtin() == null) {
            absent.add("GTIN (01)");
        }
        if (elements.serial() == null) {
            absent.add("serial number (21)");
        }
        if (elements.lot() == null) {
            absent.add("lot (10)");
        }
        if (elements.get("17") == null) {
            absent.add("expiry (17)");
        }
        return elements.toBracketed() + " has no " + String.join(", ", absent) + ": a DSCSA product identifier has"
                + " all four (scan the pack's 2D DataMatrix)";
    }

    /** 3 verified, 2 the unit exists, 1 it does not, 0 no verdict. */
    private static int rank(Verification verification) {
        if (verification.verdict() == null) {
            return 0;
        }
        return verification.verdict().verified() ? 3 : exists(verification) ? 2 : 1;
    }

    private static boolean exists(Verification verification) {
        return verification.verdict() != null
                && verification.verdict().reason() != FailureReason.NO_MATCH_GTIN_SERIAL;
    }

    /** Whether a reading not used deserves a warning: see the class comment. */
    private boolean matters(Reading other, Reading chosen, Verification verification) {
        if (verification != null && exists(verification)) {
            return true;
        }
        ElementString o = other.elements();
        ElementString c = chosen.elements();
        if (o.gtin() == null) {
            return false;
        }
        String gtin = o.gtin().value();
        if (!o.gtin().equals(c.gtin()) && verifier.knowsGtin(gtin)) {
            return true;
        }
        if (o.serial() != null && (!o.serial().equals(c.serial()) || !o.gtin().equals(c.gtin()))
                && verifier.knowsUnit(DigitalLink.canonical("01", gtin, "21", o.serial()))) {
            return true;
        }
        if (o.lot() == null) {
            return false;
        }
        Optional<SerialStore.Lot> lot = verifier.lot(gtin, o.lot());
        if (lot.isPresent() && !o.lot().equals(c.lot())) {
            return true;
        }
        String expiry = o.get("17");
        return expiry != null && !expiry.equals(c.get("17")) && lot.isPresent()
                && Objects.equals(lot.get().expiry(), ExpiryDate.parse(expiry, clock).date());
    }
}
