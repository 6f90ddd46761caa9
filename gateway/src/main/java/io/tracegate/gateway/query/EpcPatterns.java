package io.tracegate.gateway.query;

import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.SgtinPattern;
import java.util.List;
import java.util.stream.IntStream;

/**
 * EPC patterns ({@code urn:epc:idpat:sgtin:0614141.107346.*}, {@code urn:epc:idpat:sgtin:0614141.*.*},
 * {@code urn:epc:idpat:sscc:0614141.*}, {@code urn:epc:idpat:sgtin:*.*.*}) as the prefixes of the canonical keys
 * (GS1 Digital Links) they match, so that a pattern is a few range scans of the identifier indexes. A company prefix
 * stands after the GTIN's indicator digit or the SSCC's extension digit: one prefix per digit.
 */
final class EpcPatterns {

    private static final String GTIN = "https://id.gs1.org/01/";
    private static final String SSCC = "https://id.gs1.org/00/";

    private EpcPatterns() {
    }

    static boolean isPattern(String value) {
        return value.startsWith("urn:epc:idpat:");
    }

    /**
     * The key prefixes a pattern matches: of instances (SGTINs, SSCCs) or of classes (a GTIN's class and its lots).
     *
     * @throws io.tracegate.gateway.problem.ApiProblem a QueryParameterException naming the parameter
     */
    static List<String> prefixes(String parameter, String pattern, boolean instances) {
        String body = pattern.substring("urn:epc:idpat:".length());
        int colon = body.indexOf(':');
        String scheme = colon < 0 ? "" : body.substring(0, colon);
        String[] fields = body.substring(colon + 1).split("\\.", -1);
        if (scheme.equals("sgtin") && fields.length == 3) {
            if (fields[0].equals("*") && fields[1].equals("*") && fields[2].equals("*")) {
                return List.of(GTIN);
            }
            if (fields[0].matches("\\d{6,12}") && fields[1].equals("*") && fields[2].equals("*")) {
                return IntStream.range(0, 10).mapToObj(d -> GTIN + d + fields[0]).toList();
            }
            if (fields[2].equals("*")) {
                try {
                    if (Epc.parse(pattern) instanceof SgtinPattern p) {
                        return List.of(GTIN + p.gtin().value() + (instances ? "/21/" : ""));
                    }
                } catch (Gs1Exception e) {
                    throw EventQuery.parameter(parameter, "'" + pattern + "' is not a valid EPC pattern: "
                            + e.getMessage());
                }
            }
        }
        if (scheme.equals("sscc") && fields.length == 2 && fields[1].equals("*")) {
            if (fields[0].equals("*")) {
                return List.of(SSCC);
            }
            if (fields[0].matches("\\d{6,12}")) {
                return IntStream.range(0, 10).mapToObj(d -> SSCC + d + fields[0]).toList();
            }
        }
        throw EventQuery.parameter(parameter, "'" + pattern + "' is not an EPC pattern this gateway matches"
                + " (urn:epc:idpat:sgtin:CompanyPrefix.ItemReference.*, urn:epc:idpat:sgtin:CompanyPrefix.*.*,"
                + " urn:epc:idpat:sgtin:*.*.*, urn:epc:idpat:sscc:CompanyPrefix.*, urn:epc:idpat:sscc:*.*)");
    }

    /** The first key after every key starting with the prefix (keys compare byte by byte, collation "C"). */
    static String end(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }
}
