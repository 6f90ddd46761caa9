package io.tracegate.gateway.shipments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tracegate.gateway.shipments.Reconciliation.Expected;
import io.tracegate.gateway.shipments.Reconciliation.Mismatch;
import io.tracegate.gateway.shipments.Reconciliation.Received;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pallet P of cases C1, C2, C3, each of two units Cn-1, Cn-2 of lot L expiring 2027-01-31. */
class ReconciliationTest {

    private static final LocalDate EXPIRY = LocalDate.parse("2027-01-31");
    private final List<Expected> document = new ArrayList<>();

    ReconciliationTest() {
        document.add(new Expected("P", "P", null, null, null, null));
        for (int c = 1; c <= 3; c++) {
            document.add(new Expected("C" + c, "C" + c, "G1", "L", EXPIRY, "P"));
            for (int u = 1; u <= 2; u++) {
                document.add(new Expected("C" + c + "-" + u, "C" + c + "-" + u, "G0", "L", EXPIRY, "C" + c));
            }
        }
    }

    private static Received scan(String key, String parent) {
        return new Received(key, key, parent, null, null);
    }

    @Test
    void thePalletReceivedSealedMatchesEverything() {
        assertThat(Reconciliation.of(document, List.of(scan("P", null)))).isEmpty();
    }

    @Test
    void sealedCasesOnAnOpenedPalletMatch() {
        assertThat(Reconciliation.of(document, List.of(scan("P", null), scan("C1", "P"), scan("C2", "P"),
                scan("C3", "P")))).isEmpty();
    }

    @Test
    void aMissingCaseIsOneShortageAnExtraUnitOneOverageAMovedUnitOneHierarchyMismatch() {
        List<Received> received = new ArrayList<>(List.of(scan("P", null), scan("C1", "P"), scan("C2", "P"),
                scan("C1-1", "C1"), scan("C2-1", "C2"), scan("C2-2", "C2"),
                scan("C1-2", "C2"), // in the wrong case
                scan("X", "C2"))); // not in the document

        List<Mismatch> mismatches = Reconciliation.of(document, received);

        assertThat(mismatches).extracting(Mismatch::kind, Mismatch::epc).containsExactly(
                tuple(ExceptionKind.OVERAGE, "X"),
                tuple(ExceptionKind.SHORTAGE, "C3"),
                tuple(ExceptionKind.HIERARCHY_MISMATCH, "C1-2"));
        assertThat(mismatches.get(1).detail()).contains("C3 with 2 units and containers in it in P");
        assertThat(mismatches.get(2).detail()).isEqualTo("found in C2, the document packs it in C1");
    }

    @Test
    void aUnitMissingFromAnOpenedCaseIsShortOnItsOwn() {
        List<Mismatch> mismatches = Reconciliation.of(document, List.of(scan("P", null), scan("C1", "P"),
                scan("C2", "P"), scan("C3", "P"), scan("C1-1", "C1")));

        assertThat(mismatches).extracting(Mismatch::kind, Mismatch::epc)
                .containsExactly(tuple(ExceptionKind.SHORTAGE, "C1-2"));
    }

    @Test
    void nothingReceivedIsOneShortageOfThePalletAndABrokenDownPalletShortOfItsContent() {
        assertThat(Reconciliation.of(document, List.of(scan("C1-1", null)))).extracting(Mismatch::epc)
                .containsExactly("C1-2", "C2", "C3");
        assertThat(Reconciliation.of(document, List.of())).extracting(Mismatch::epc).containsExactly("P");
    }

    @Test
    void anExtraCaseWithItsUnitsIsOneOverage() {
        assertThat(Reconciliation.of(document, List.of(scan("P", null), scan("C1", "P"), scan("C2", "P"),
                scan("C3", "P"), scan("Y", "P"), scan("Y-1", "Y"), scan("Y-2", "Y"))))
                .extracting(Mismatch::kind, Mismatch::epc)
                .containsExactly(tuple(ExceptionKind.OVERAGE, "Y"));
    }

    @Test
    void aLabelWithAnotherLotOrExpiryIsAMismatch() {
        List<Mismatch> mismatches = Reconciliation.of(document, List.of(scan("P", null),
                new Received("C1-1", "C1-1", null, "L", EXPIRY),
                new Received("C2-1", "C2-1", null, "OTHER", EXPIRY),
                new Received("C3-1", "C3-1", null, null, LocalDate.parse("2027-02-28"))));

        assertThat(mismatches).filteredOn(m -> m.kind() == ExceptionKind.LOT_EXPIRY_MISMATCH)
                .extracting(Mismatch::epc, Mismatch::detail).containsExactly(
                        tuple("C2-1", "labelled lot OTHER expiry 2027-01-31, the"
                                + " document says lot L expiry 2027-01-31"),
                        tuple("C3-1", "labelled lot (none) expiry 2027-02-28, the"
                                + " document says lot L expiry 2027-01-31"));
    }
}
