package io.tracegate.epcis.validation;

import java.util.Objects;

/**
 * One problem (or remark) a validation layer found in an EPCIS document, in a form both people and programs read.
 *
 * @param level      how bad it is: only {@link Level#ERROR} makes a document invalid
 * @param eventIndex 0-based position of the event in document order (all event types counted together), or
 *                   {@link #DOCUMENT} when the finding is about the header, master data or the document as a whole
 * @param path       where: an XPath-like element path for XML ({@code /EPCISDocument/EPCISBody/EventList/ObjectEvent[3]/epcList/epc[2]},
 *                   position predicates only from the second same-named sibling on) or a JSON Pointer for JSON-LD
 *                   ({@code /epcisBody/eventList/2/epcList/1}); empty when nothing narrower than the document applies
 * @param rule       stable identifier of the rule that fired ({@code xsd}, {@code json-schema},
 *                   {@code id.sgtin.check-digit}, {@code dscsa.location-master-data}, ...): programs match on this
 * @param message    human-readable explanation naming the offending value
 */
public record ValidationFinding(Level level, int eventIndex, String path, String rule, String message) {

    /** The event index of findings that belong to no single event. */
    public static final int DOCUMENT = -1;

    public enum Level { ERROR, WARNING, INFO }

    public ValidationFinding {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        if (eventIndex < DOCUMENT) {
            throw new IllegalArgumentException("event index must be -1 (document) or >= 0, was " + eventIndex);
        }
        if (rule.isBlank()) {
            throw new IllegalArgumentException("a finding needs a rule id");
        }
    }

    public static ValidationFinding error(int eventIndex, String path, String rule, String message) {
        return new ValidationFinding(Level.ERROR, eventIndex, path, rule, message);
    }

    public static ValidationFinding warning(int eventIndex, String path, String rule, String message) {
        return new ValidationFinding(Level.WARNING, eventIndex, path, rule, message);
    }

    public static ValidationFinding info(int eventIndex, String path, String rule, String message) {
        return new ValidationFinding(Level.INFO, eventIndex, path, rule, message);
    }

    public boolean isError() {
        return level == Level.ERROR;
    }

    /**
     * {@code LEVEL<TAB>EVENT_INDEX<TAB>PATH<TAB>RULE<TAB>MESSAGE}: one line, so tabs and line breaks inside the
     * fields (validator messages can carry them) become single spaces.
     */
    public String toTabSeparatedLine() {
        return level + "\t" + eventIndex + "\t" + oneLine(path) + "\t" + oneLine(rule) + "\t" + oneLine(message);
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\t\\r\\n]+", " ");
    }
}
