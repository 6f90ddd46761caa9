package io.tracegate.epcis.model;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Declares an earlier event erroneous.
 *
 * @param declarationTime    when the error was declared
 * @param reason             the reason ({@code incorrect_data}, {@code did_not_occur}), or null
 * @param correctiveEventIds event IDs of the corrective events, in order
 * @param extensions         extension elements, in order
 */
public record ErrorDeclaration(OffsetDateTime declarationTime, CbvValue reason, List<String> correctiveEventIds,
                               List<ExtensionElement> extensions) {
    public ErrorDeclaration {
        Objects.requireNonNull(declarationTime, "declarationTime");
        correctiveEventIds = List.copyOf(correctiveEventIds);
        extensions = List.copyOf(extensions);
    }
}
