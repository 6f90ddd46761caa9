package io.tracegate.epcis.validation;

import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.model.BizTransaction;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.epcis.model.MasterData;
import io.tracegate.epcis.model.QuantityElement;
import io.tracegate.epcis.model.SourceDestination;
import io.tracegate.epcis.model.StandardBusinessDocumentHeader;
import io.tracegate.gs1.CheckDigit;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.ai.AiTable;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.Lgtin;
import io.tracegate.gs1.epc.Sgln;
import io.tracegate.gs1.epc.SgtinPattern;
import io.tracegate.gs1.lint.LintError;
import io.tracegate.gs1.lint.Linter;
import io.tracegate.gs1.lint.Linters;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Identifier layer: every GS1 identifier in the document goes through gs1-parser: EPCs (URN or GS1 Digital Link)
 * in every EPC list and parentID, EPC classes of quantity lists and master data, SGLNs of read points, business
 * locations, sources, destinations and Location master data, GLNs of business transaction IDs and of the SBDH, and
 * the ILMD lot and dates. Rule ids are {@code id.<scheme>.<problem>}: the scheme ({@code sgtin}, {@code sscc},
 * {@code sgln}, {@code lgtin}, {@code sgtin-pattern}, {@code digital-link}, {@code gln}, {@code lot}, {@code date})
 * and the problem ({@code check-digit}, {@code cset}, {@code length}, {@code syntax}, {@code kind}: a valid
 * identifier of the wrong sort for its place, such as a class in an {@code epcList}).
 *
 * <p>Values that are not GS1 identifiers are left alone: EPCIS allows any URI as a location or a user-vocabulary
 * identifier. EPC URN schemes gs1-parser does not read (GRAI, GIAI, PGLN, ...) are not checked.
 */
public final class IdentifierLayer implements EventLayer {

    private static final String[] CHECKED_URN_PREFIXES = {"urn:epc:id:sgtin:", "urn:epc:id:sscc:",
        "urn:epc:id:sgln:", "urn:epc:class:lgtin:", "urn:epc:idpat:sgtin:"};
    /** Digital Link parse outcomes that mean "not a GS1 identifier we make EPCs of", not "a broken one". */
    private static final Set<String> NOT_AN_EPC = Set.of("DL_NO_KEY", "DL_NO_PRIMARY_KEY", "DL_NO_DOMAIN_OR_PATH",
            "DL_SCHEME", "EPC_NO_SCHEME", "EPC_NO_KEY");
    private static final Pattern BUSINESS_TRANSACTION = Pattern.compile("urn:epcglobal:cbv:bt:([^:]*):.*");
    private static final Pattern XSD_DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(Z|[+-]\\d{2}:\\d{2})?");
    private static final Set<String> ILMD_DATES = Set.of("itemExpirationDate", "sellByDate", "bestBeforeDate");
    private static final Linter CSET_82 = Linters.standard().get("cset82");
    private static final int LOT_MAX_LENGTH = AiTable.standard().get("10").maxLength();

    /** Where an identifier sits decides which sort it must be. */
    private enum Place { INSTANCE, CLASS, LOCATION }

    /**
     * Classes, locations, lots and dates repeat from event to event: each distinct valid one is checked once
     * (bounded, so a document of all-distinct values costs no more memory than this).
     */
    private static final int KNOWN_GOOD_LIMIT = 10_000;

    private final DocumentPaths paths;
    private final Set<String> knownGood = new HashSet<>();
    private final BiConsumer<String, Epc> parsedInstances;

    /** @param format the format of the document the events come from (for the paths in findings) */
    public IdentifierLayer(EpcisFormat format) {
        this(format, (written, epc) -> { });
    }

    /**
     * @param format          the format of the document the events come from (for the paths in findings)
     * @param parsedInstances told of each instance EPC (parentID and EPC lists) that parsed, as written and as
     *                        parsed, so that a caller who needs the parse too (a capture: canonical keys, units)
     *                        does not parse it again
     */
    public IdentifierLayer(EpcisFormat format, BiConsumer<String, Epc> parsedInstances) {
        this.paths = new DocumentPaths(format);
        this.parsedInstances = parsedInstances;
    }

    @Override
    public void header(EpcisHeader header, Consumer<ValidationFinding> sink) {
        StandardBusinessDocumentHeader sbdh = header.sbdh();
        if (sbdh != null) {
            partners(sbdh.senders(), true, sink);
            partners(sbdh.receivers(), false, sink);
        }
        List<MasterData.Vocabulary> vocabularies = header.masterData().vocabularies();
        for (int v = 0; v < vocabularies.size(); v++) {
            MasterData.Vocabulary vocabulary = vocabularies.get(v);
            Place place = switch (vocabulary.type()) {
                case MasterData.EPC_CLASS -> Place.CLASS;
                case MasterData.LOCATION -> Place.LOCATION;
                default -> null;
            };
            if (place == null) {
                continue;
            }
            for (int e = 0; e < vocabulary.elements().size(); e++) {
                Problem problem = epc(vocabulary.elements().get(e).id(), place);
                if (problem != null) {
                    sink.accept(problem.at(ValidationFinding.DOCUMENT,
                            paths.vocabularyElement(v, e) + (paths.isXml() ? "/@id" : "/id")));
                }
            }
        }
    }

    @Override
    public void event(int index, String path, EpcisEvent event, Consumer<ValidationFinding> sink) {
        if (event.parentId() != null) {
            report(epc(event.parentId(), Place.INSTANCE), index, path, "parentID", sink);
        }
        epcs(event.epcList(), "epcList", index, path, sink);
        epcs(event.childEpcs(), "childEPCs", index, path, sink);
        epcs(event.inputEpcList(), "inputEPCList", index, path, sink);
        epcs(event.outputEpcList(), "outputEPCList", index, path, sink);
        quantities(event.quantityList(), "quantityList", index, path, sink);
        quantities(event.childQuantityList(), "childQuantityList", index, path, sink);
        quantities(event.inputQuantityList(), "inputQuantityList", index, path, sink);
        quantities(event.outputQuantityList(), "outputQuantityList", index, path, sink);
        if (event.readPoint() != null) {
            report(epc(event.readPoint().id(), Place.LOCATION), index, path, "readPoint/id", sink);
        }
        if (event.bizLocation() != null) {
            report(epc(event.bizLocation().id(), Place.LOCATION), index, path, "bizLocation/id", sink);
        }
        List<BizTransaction> transactions = event.bizTransactionList();
        for (int i = 0; i < transactions.size(); i++) {
            businessTransaction(transactions.get(i).value(), index,
                    paths.item(path, "bizTransactionList", "bizTransaction", "bizTransaction", i), sink);
        }
        parties(event.sourceList(), "sourceList", "source", index, path, sink);
        parties(event.destinationList(), "destinationList", "destination", index, path, sink);
        if (event.ilmd() != null) {
            ilmd(event.ilmd(), index, path, sink);
        }
    }

    @Override
    public void end(Consumer<ValidationFinding> sink) {
    }

    private void partners(List<StandardBusinessDocumentHeader.Partner> partners, boolean sender,
            Consumer<ValidationFinding> sink) {
        for (int i = 0; i < partners.size(); i++) {
            StandardBusinessDocumentHeader.PartnerIdentifier id = partners.get(i).identifier();
            if (id == null || id.value() == null) {
                continue;
            }
            String value = id.value().strip();
            String path = paths.sbdhPartner(sender, i);
            if (value.chars().allMatch(Character::isDigit) && "GLN".equalsIgnoreCase(id.authority())) {
                gln(value, ValidationFinding.DOCUMENT, path, sink);
            } else {
                Problem problem = epc(value, Place.LOCATION);
                if (problem != null) {
                    sink.accept(problem.at(ValidationFinding.DOCUMENT, path));
                }
            }
        }
    }

    private void epcs(List<String> epcs, String list, int index, String path, Consumer<ValidationFinding> sink) {
        for (int i = 0; i < epcs.size(); i++) {
            Problem problem = epc(epcs.get(i), Place.INSTANCE);
            if (problem != null) {
                sink.accept(problem.at(index, paths.item(path, list, "epc", null, i)));
            }
        }
    }

    private void quantities(List<QuantityElement> quantities, String list, int index, String path,
            Consumer<ValidationFinding> sink) {
        for (int i = 0; i < quantities.size(); i++) {
            Problem problem = epc(quantities.get(i).epcClass(), Place.CLASS);
            if (problem != null) {
                sink.accept(problem.at(index, paths.item(path, list, "quantityElement", null, i) + "/epcClass"));
            }
        }
    }

    private void parties(List<SourceDestination> entries, String list, String item, int index, String path,
            Consumer<ValidationFinding> sink) {
        for (int i = 0; i < entries.size(); i++) {
            Problem problem = epc(entries.get(i).value(), Place.LOCATION);
            if (problem != null) {
                sink.accept(problem.at(index, paths.item(path, list, item, item, i)));
            }
        }
    }

    /** A problem with one identifier; its place in the document is added only when there is one. */
    private record Problem(String rule, String message) {
        ValidationFinding at(int index, String path) {
            return ValidationFinding.error(index, path, rule, message);
        }
    }

    private void report(Problem problem, int index, String eventPath, String member,
            Consumer<ValidationFinding> sink) {
        if (problem != null) {
            sink.accept(problem.at(index, paths.member(eventPath, member)));
        }
    }

    /**
     * Checks one identifier if it is a GS1 one gs1-parser reads (anything else passes untouched); null when it is
     * fine. Allocates nothing beyond the parse on success: this runs for every EPC of every event.
     */
    private Problem epc(String value, Place place) {
        String v = value.strip();
        if (!isCandidate(v) || place != Place.INSTANCE && knownGood.contains(v)) {
            return null;
        }
        Epc epc;
        try {
            epc = Epc.parse(v);
        } catch (Gs1Exception e) {
            if (!v.startsWith("urn:") && NOT_AN_EPC.contains(e.rule())) {
                return null;
            }
            return new Problem("id." + scheme(v) + "." + problem(e), "'" + v + "': " + e.getMessage());
        }
        boolean isClass = epc instanceof Lgtin || epc instanceof SgtinPattern;
        boolean isLocation = epc instanceof Sgln;
        String wrongKind = switch (place) {
            case INSTANCE -> isClass ? "an EPC class where an instance EPC belongs" : null;
            case CLASS -> isClass ? null : "an instance EPC where an EPC class belongs";
            case LOCATION -> isLocation ? null : "not a location (SGLN) where one belongs";
        };
        if (wrongKind != null) {
            return new Problem("id." + scheme(v) + ".kind", "'" + v + "': " + wrongKind);
        }
        if (place == Place.INSTANCE && v == value) { // strip() returns the string itself when nothing was stripped
            parsedInstances.accept(value, epc);
        }
        if (place != Place.INSTANCE && knownGood.size() < KNOWN_GOOD_LIMIT) {
            knownGood.add(v);
        }
        return null;
    }

    private static boolean isCandidate(String v) {
        if (v.startsWith("urn:")) {
            for (String prefix : CHECKED_URN_PREFIXES) {
                if (v.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
        return v.startsWith("https://") || v.startsWith("http://");
    }

    private void businessTransaction(String value, int index, String path, Consumer<ValidationFinding> sink) {
        var m = BUSINESS_TRANSACTION.matcher(value.strip());
        if (m.matches() && !m.group(1).isEmpty() && m.group(1).chars().allMatch(Character::isDigit)) {
            gln(m.group(1), index, path, sink);
        }
    }

    private static void gln(String digits, int index, String path, Consumer<ValidationFinding> sink) {
        if (digits.length() != 13) {
            sink.accept(ValidationFinding.error(index, path, "id.gln.length",
                    "GLN '" + digits + "' has " + digits.length() + " digits, not 13"));
        } else if (!CheckDigit.isValid(digits)) {
            sink.accept(ValidationFinding.error(index, path, "id.gln.check-digit",
                    "GLN '" + digits + "' has check digit " + digits.charAt(12) + ", expected "
                            + CheckDigit.compute(digits, 0, 12)));
        }
    }

    private void ilmd(List<ExtensionElement> ilmd, int index, String eventPath, Consumer<ValidationFinding> sink) {
        for (ExtensionElement field : ilmd) {
            if (!DscsaProfile.isLotOrDateNamespace(field.namespaceUri()) || !field.isLeaf()) {
                continue;
            }
            String text = field.text().strip();
            String key = field.localName() + "=" + text;
            if (knownGood.contains(key)) {
                continue;
            }
            String where = paths.member(eventPath, "ilmd") + "/" + (paths.isXml() || field.prefix().isEmpty()
                    ? field.localName() : field.prefix() + ":" + field.localName());
            boolean good = true;
            if (field.localName().equals("lotNumber")) {
                good = lot(text, index, where, sink);
            } else if (ILMD_DATES.contains(field.localName())) {
                good = date(field.localName(), text, index, where, sink);
            }
            if (good && knownGood.size() < KNOWN_GOOD_LIMIT) {
                knownGood.add(key);
            }
        }
    }

    private static boolean lot(String lot, int index, String path, Consumer<ValidationFinding> sink) {
        if (lot.isEmpty() || lot.length() > LOT_MAX_LENGTH) {
            sink.accept(ValidationFinding.error(index, path, "id.lot.length", "lot '" + lot + "' has " + lot.length()
                    + " characters; a GS1 lot (AI 10) has 1 to " + LOT_MAX_LENGTH));
            return false;
        }
        LintError bad = CSET_82.lint(lot, 0, lot.length());
        if (bad != null) {
            sink.accept(ValidationFinding.error(index, path, "id.lot.cset", "lot '" + lot + "' has a character outside"
                    + " GS1 character set 82 at position " + bad.start()));
            return false;
        }
        return true;
    }

    private static boolean date(String name, String text, int index, String path, Consumer<ValidationFinding> sink) {
        var m = XSD_DATE.matcher(text);
        String problem = null;
        if (!m.matches()) {
            problem = "is not a date of the form YYYY-MM-DD";
        } else {
            try {
                LocalDate.parse(m.group(1));
            } catch (DateTimeParseException e) {
                problem = "is not a calendar date";
            }
        }
        if (problem != null) {
            sink.accept(ValidationFinding.error(index, path, "id.date", name + " '" + text + "' " + problem));
        }
        return problem == null;
    }

    private static String scheme(String v) {
        if (!v.startsWith("urn:")) {
            return "digital-link";
        }
        if (v.startsWith("urn:epc:idpat:sgtin:")) {
            return "sgtin-pattern";
        }
        String rest = v.substring(v.indexOf(':', 8) + 1);
        return rest.substring(0, Math.max(0, rest.indexOf(':')));
    }

    // gs1-parser's rule names the kind of problem: EPC_CHECK_DIGIT, EPC_CSET, EPC_LENGTH, EPC_GCP_LENGTH, EPC_SYNTAX,
    // EPC_SCHEME for URNs and keys, and for a Digital Link URI the AI checks' rules (GS1_LINTER_..._CHECK_DIGIT,
    // ..._CHARACTER, VALUE_TOO_LONG, INCORRECT_LENGTH, ...).
    private static String problem(Gs1Exception e) {
        String rule = e.rule() == null ? "" : e.rule();
        if (rule.contains("CHECK_DIGIT")) {
            return "check-digit";
        }
        if (rule.contains("CSET") || rule.contains("CHARACTER")) {
            return "cset";
        }
        if (rule.contains("LENGTH") || rule.contains("TOO_LONG") || rule.contains("TOO_SHORT")) {
            return "length";
        }
        return "syntax";
    }
}
