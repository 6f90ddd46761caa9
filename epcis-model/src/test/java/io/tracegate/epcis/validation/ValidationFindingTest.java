package io.tracegate.epcis.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValidationFindingTest {

    @Test
    void printsOneTabSeparatedLineEvenWhenTheMessageSpansLines() {
        ValidationFinding finding = ValidationFinding.error(2, "/EPCISDocument/EPCISBody/EventList/ObjectEvent[3]",
                "xsd", "line 10:\tbad\ncontent");

        assertEquals("ERROR\t2\t/EPCISDocument/EPCISBody/EventList/ObjectEvent[3]\txsd\tline 10: bad content",
                finding.toTabSeparatedLine());
    }

    @Test
    void onlyErrorsCountAsErrors() {
        assertTrue(ValidationFinding.error(-1, "", "r", "m").isError());
        assertFalse(ValidationFinding.warning(-1, "", "r", "m").isError());
        assertFalse(ValidationFinding.info(-1, "", "r", "m").isError());
    }

    @Test
    void rejectsAnEventIndexBelowTheDocumentMarker() {
        assertThrows(IllegalArgumentException.class, () -> ValidationFinding.info(-2, "", "r", "m"));
        assertThrows(IllegalArgumentException.class, () -> ValidationFinding.info(0, "", " ", "m"));
    }
}
