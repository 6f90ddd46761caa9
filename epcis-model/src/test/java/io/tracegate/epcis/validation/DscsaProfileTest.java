package io.tracegate.epcis.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DscsaProfileTest {

    @Test
    void theGs1UsExamplePassesEveryLayer() {
        List<ValidationFinding> findings = Gs1UsExample.validate(Gs1UsExample.xml());
        findings.forEach(f -> System.out.println(f.toTabSeparatedLine()));
        assertEquals(List.of(), findings.stream().filter(ValidationFinding::isError).toList());
    }
}
