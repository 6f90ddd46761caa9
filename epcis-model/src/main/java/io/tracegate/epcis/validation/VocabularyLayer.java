package io.tracegate.epcis.validation;

import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.epcis.model.BizTransaction;
import io.tracegate.epcis.model.CbvValue;
import io.tracegate.epcis.model.CbvVocabulary;
import io.tracegate.epcis.model.EpcisEvent;
import io.tracegate.epcis.model.EpcisHeader;
import io.tracegate.epcis.model.ExtensionElement;
import io.tracegate.epcis.model.SourceDestination;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * CBV vocabulary checks the schemas cannot make: a value written in a standard CBV form (a {@code urn:epcglobal:cbv}
 * URN, a {@code https://ref.gs1.org/cbv/} Web URI) must be one of that vocabulary's CBV 2.0 words, and a bare word
 * must be one (rules {@code cbv.bizstep}, {@code cbv.disposition}, {@code cbv.btt}, {@code cbv.sdt},
 * {@code cbv.error-reason}); user vocabularies are written as other URIs and pass. ILMD fields must be in a
 * namespace ({@value #ILMD_NAMESPACE}): EPCIS 2.0 JSON-LD otherwise has no IRI for them.
 */
public final class VocabularyLayer implements EventLayer {

    public static final String ILMD_NAMESPACE = "epcis.ilmd-namespace";

    private static final Map<CbvVocabulary, String> RULES = Map.of(
            CbvVocabulary.BIZ_STEP, "cbv.bizstep",
            CbvVocabulary.DISPOSITION, "cbv.disposition",
            CbvVocabulary.BIZ_TRANSACTION_TYPE, "cbv.btt",
            CbvVocabulary.SOURCE_DESTINATION_TYPE, "cbv.sdt",
            CbvVocabulary.ERROR_REASON, "cbv.error-reason");

    private final DocumentPaths paths;

    /** @param format the format of the document the events come from (for the paths in findings) */
    public VocabularyLayer(EpcisFormat format) {
        this.paths = new DocumentPaths(format);
    }

    @Override
    public void header(EpcisHeader header, Consumer<ValidationFinding> sink) {
    }

    @Override
    public void event(int index, String path, EpcisEvent event, Consumer<ValidationFinding> sink) {
        check(event.bizStep(), index, paths.member(path, "bizStep"), sink);
        check(event.disposition(), index, paths.member(path, "disposition"), sink);
        if (event.persistentDisposition() != null) {
            values(event.persistentDisposition().set(), "persistentDisposition/set", index, path, sink);
            values(event.persistentDisposition().unset(), "persistentDisposition/unset", index, path, sink);
        }
        List<BizTransaction> transactions = event.bizTransactionList();
        for (int i = 0; i < transactions.size(); i++) {
            check(transactions.get(i).type(), index, typeOf(path, "bizTransactionList", "bizTransaction", i), sink);
        }
        types(event.sourceList(), "sourceList", "source", index, path, sink);
        types(event.destinationList(), "destinationList", "destination", index, path, sink);
        if (event.errorDeclaration() != null) {
            check(event.errorDeclaration().reason(), index, paths.member(path, "errorDeclaration/reason"), sink);
        }
        if (event.ilmd() != null) {
            for (ExtensionElement field : event.ilmd()) {
                if (field.namespaceUri().isEmpty()) {
                    sink.accept(ValidationFinding.error(index, paths.member(path, "ilmd/" + field.localName()),
                            ILMD_NAMESPACE, "ILMD field '" + field.localName() + "' is in no namespace: ILMD fields"
                                    + " are extension elements and need one (e.g. cbvmda:lotNumber)"));
                }
            }
        }
    }

    @Override
    public void end(Consumer<ValidationFinding> sink) {
    }

    private void values(List<CbvValue> values, String list, int index, String path,
            Consumer<ValidationFinding> sink) {
        for (int i = 0; i < values.size(); i++) {
            String itemPath = paths.isXml() ? paths.member(path, list) + (i > 0 ? "[" + (i + 1) + "]" : "")
                    : paths.member(path, list) + "/" + i;
            check(values.get(i), index, itemPath, sink);
        }
    }

    private void types(List<SourceDestination> entries, String list, String item, int index, String path,
            Consumer<ValidationFinding> sink) {
        for (int i = 0; i < entries.size(); i++) {
            check(entries.get(i).type(), index, typeOf(path, list, item, i), sink);
        }
    }

    private String typeOf(String path, String list, String item, int i) {
        return paths.item(path, list, item, null, i) + (paths.isXml() ? "/@type" : "/type");
    }

    private static void check(CbvValue value, int index, String path, Consumer<ValidationFinding> sink) {
        if (value == null) {
            return;
        }
        String rule = RULES.get(value.vocabulary());
        if (value.standard() && !value.vocabulary().isStandardWord(value.value())) {
            sink.accept(ValidationFinding.error(index, path, rule, "'" + value.asWritten()
                    + "' is written as a CBV standard value but '" + value.value() + "' is not one; a user value"
                    + " must be a URI outside the CBV namespaces"));
        } else if (!value.standard() && value.value().indexOf(':') < 0) {
            sink.accept(ValidationFinding.error(index, path, rule, "'" + value.value() + "' is neither a CBV 2.0"
                    + " standard value nor a URI: a user vocabulary value must be a URI (such as"
                    + " urn:example:bizstep:" + value.value() + ")"));
        }
    }
}
