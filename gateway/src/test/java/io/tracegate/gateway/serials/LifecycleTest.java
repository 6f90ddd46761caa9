package io.tracegate.gateway.serials;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.capture.CaptureTest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each lifecycle rule of the serial store, with a sequence it accepts and one it refuses. */
class LifecycleTest extends CaptureTest {

    private static final String OTHER = "urn:epc:id:sgln:077777.777777.0";

    private static Event receive(String... epcs) {
        return objectEvent("OBSERVE").epcs(epcs).bizStep("receiving").disposition("in_progress").at(BUYER_SITE)
                .to(BUYER, BUYER_SITE);
    }

    private static Event observe(String disposition, String... epcs) {
        return objectEvent("OBSERVE").epcs(epcs).bizStep("inspecting").disposition(disposition).at(SITE);
    }

    @Test
    void commissioningCreatesActiveUnitsWithLotAndExpiry() {
        String unit = sgtin("c");

        assertSucceeded(capture(commission(unit)));

        HttpResponse<String> trace = trace(unit);
        assertThat((String) json(trace, "$.status")).isEqualTo("active");
        assertThat((String) json(trace, "$.disposition")).isEqualTo("active");
        assertThat((String) json(trace, "$.lot")).isEqualTo("T100");
        assertThat((String) json(trace, "$.expiry")).isEqualTo("2027-03-31");
        assertThat((String) json(trace, "$.location")).isEqualTo(SITE);
    }

    @Test
    void aUnitIsCommissionedOnlyOnce() {
        String unit = sgtin("c");
        capture(commission(unit));

        assertRefused(capture(commission(unit)), unit, "lifecycle.duplicate-commission");
    }

    @Test
    void aLotHasOneExpiry() {
        String lot = unique("L");
        assertSucceeded(capture(objectEvent("ADD").epcs(sgtin("c")).bizStep("commissioning").at(SITE)
                .lot(lot, "2027-01-31")));
        String unit = sgtin("c");

        assertRefused(capture(objectEvent("ADD").epcs(unit).bizStep("commissioning").at(SITE).lot(lot, "2028-01-31")),
                unit, "lifecycle.lot-expiry-mismatch");
    }

    /** Identifiers the store cannot follow are refused, not silently left without a unit. */
    @Test
    void identifiersThatAreNotGs1KeysAreRefused() {
        for (String notGs1 : List.of("urn:example:thing:" + unique("x"), "URN:EPC:ID:SGTIN:030001.0012345.LOUD",
                "https://example.com/" + unique("x"))) {
            assertRefused(capture(objectEvent("ADD").epcs(notGs1).bizStep("commissioning").at(SITE)), notGs1,
                    "lifecycle.not-a-gs1-key");
            assertRefused(capture(pack(sscc(), notGs1)), notGs1, "lifecycle.not-a-gs1-key");
        }
    }

    @Nested
    class Packing {

        @Test
        void packingBuildsTheTree() {
            String a = sgtin("p");
            String b = sgtin("p");
            String box = caseSgtin("case");
            String pallet = sscc();

            assertSucceeded(capture(commission(a, b, box), pack(box, a, b), pack(pallet, box)));

            assertThat((String) json(trace(a), "$.parent")).isEqualTo(box);
            assertThat((String) json(trace(box), "$.parent")).isEqualTo(pallet);
            assertThat((List<String>) json(trace(box), "$.children")).containsExactlyInAnyOrder(a, b);
            assertThat((List<String>) json(trace(pallet), "$.children")).containsExactly(box);
        }

        @Test
        void anUnknownChildIsRefused() {
            String box = caseSgtin("case");
            String ghost = sgtin("ghost");
            capture(commission(box));

            assertRefused(capture(pack(box, ghost)), ghost, "lifecycle.unknown-child");
        }

        @Test
        void anInactiveChildIsRefused() {
            String box = caseSgtin("case");
            String gone = sgtin("gone");
            capture(commission(box, gone), objectEvent("DELETE").epcs(gone).bizStep("decommissioning")
                    .disposition("inactive").at(SITE));

            assertRefused(capture(pack(box, gone)), gone, "lifecycle.unit-decommissioned");
        }

        @Test
        void aChildInAnotherParentIsRefused() {
            String unit = sgtin("p");
            String first = caseSgtin("case");
            String second = caseSgtin("case");
            capture(commission(unit, first, second), pack(first, unit));

            assertRefused(capture(pack(second, unit)), unit, "lifecycle.child-in-other-parent");
        }

        @Test
        void anUncommissionedCaseCannotBeAParentButAnSsccCan() {
            String unit = sgtin("p");
            String box = caseSgtin("case");
            String pallet = sscc();
            capture(commission(unit));

            assertRefused(capture(pack(box, unit)), box, "lifecycle.unknown-parent");
            assertSucceeded(capture(pack(pallet, unit)));
            assertThat(status(pallet)).isEqualTo("active");
        }

        @Test
        void aContainerCannotBePackedIntoItsOwnContent() {
            String box = caseSgtin("case");
            String pallet = sscc();
            capture(commission(box), pack(pallet, box));

            assertRefused(capture(pack(box, pallet)), pallet, "lifecycle.pack-cycle");
        }

        @Test
        void unpackingTakesChildrenOut() {
            String a = sgtin("u");
            String b = sgtin("u");
            String box = caseSgtin("case");
            capture(commission(a, b, box), pack(box, a, b));

            assertSucceeded(capture(aggregationEvent("DELETE").parent(box).children(a).bizStep("unpacking").at(SITE)));

            assertThat((String) json(trace(a), "$.parent")).isNull();
            assertThat((List<String>) json(trace(box), "$.children")).containsExactly(b);
        }

        @Test
        void unpackingAChildThatIsNotInTheParentIsRefused() {
            String a = sgtin("u");
            String box = caseSgtin("case");
            capture(commission(a, box));

            assertRefused(capture(aggregationEvent("DELETE").parent(box).children(a).bizStep("unpacking").at(SITE)),
                    a, "lifecycle.child-not-in-parent");
        }
    }

    @Nested
    class Shipping {

        @Test
        void shippingAPalletShipsEverythingInIt() {
            String unit = sgtin("s");
            String box = caseSgtin("case");
            String pallet = sscc();
            capture(commission(unit, box), pack(box, unit), pack(pallet, box));

            assertSucceeded(capture(ship(pallet)));

            HttpResponse<String> trace = trace(unit);
            assertThat((String) json(trace, "$.status")).isEqualTo("in_transit");
            assertThat((String) json(trace, "$.disposition")).isEqualTo("in_transit");
            assertThat((String) json(trace, "$.owner")).as("the seller, until the buyer receives it").isEqualTo(SITE);
            assertThat((String) json(trace, "$.inTransitTo")).isEqualTo(BUYER);
            assertThat((String) json(trace, "$.location")).isEqualTo(BUYER_SITE);
        }

        @Test
        void aUnitInTransitCannotBeShippedAgain() {
            String unit = sgtin("s");
            capture(commission(unit), ship(unit));

            assertRefused(capture(ship(unit)), unit, "lifecycle.ship-not-active");
        }

        @Test
        void onlyTheOwnerShips() {
            String unit = sgtin("s");
            capture(commission(unit), ship(unit), receive(unit));

            assertRefused(capture(ship(unit)), unit, "lifecycle.not-owned");
        }

        @Test
        void aPalletWithAnUnshippableUnitInsideIsRefusedNamingTheUnit() {
            String unit = sgtin("s");
            String pallet = sscc();
            capture(commission(unit), pack(pallet, unit), observe("stolen", unit));

            assertRefused(capture(ship(pallet)), unit, "lifecycle.ship-not-active");
        }

        @Test
        void anUnknownEpcCannotBeShipped() {
            String ghost = sgtin("ghost");

            assertRefused(capture(ship(ghost)), ghost, "lifecycle.unknown-epc");
        }

        @Test
        void receivingAShipmentToUsActivatesItThere() {
            String unit = sgtin("r");
            capture(commission(unit), ship(unit));

            assertSucceeded(capture(receive(unit)));

            HttpResponse<String> trace = trace(unit);
            assertThat((String) json(trace, "$.status")).isEqualTo("active");
            assertThat((String) json(trace, "$.location")).isEqualTo(BUYER_SITE);
            assertThat((String) json(trace, "$.owner")).isEqualTo(BUYER);
            assertThat((String) json(trace, "$.inTransitTo")).isNull();
        }

        @Test
        void aUnitNotInTransitCannotBeReceived() {
            String unit = sgtin("r");
            capture(commission(unit));

            assertRefused(capture(receive(unit)), unit, "lifecycle.receive-not-in-transit");
        }

        @Test
        void aShipmentToAnotherPartyCannotBeReceivedHere() {
            String unit = sgtin("r");
            capture(commission(unit), objectEvent("OBSERVE").epcs(unit).bizStep("shipping").disposition("in_transit")
                    .readPoint(SITE).from(SITE).to(OTHER, OTHER));

            assertRefused(capture(receive(unit)), unit, "lifecycle.not-in-transit-to-us");
        }
    }

    @Nested
    class EndOfLife {

        @Test
        void aDecommissionedUnitAcceptsNothing() {
            String unit = sgtin("d");
            capture(commission(unit));

            assertSucceeded(capture(objectEvent("DELETE").epcs(unit).bizStep("decommissioning")
                    .disposition("inactive").at(SITE)));
            assertThat(status(unit)).isEqualTo("decommissioned");

            assertRefused(capture(ship(unit)), unit, "lifecycle.unit-decommissioned");
        }

        @Test
        void destroyingACaseDestroysItsContent() {
            String unit = sgtin("d");
            String box = caseSgtin("case");
            capture(commission(unit, box), pack(box, unit));

            assertSucceeded(capture(objectEvent("DELETE").epcs(box).bizStep("destroying").disposition("destroyed")
                    .at(SITE)));
            assertThat(status(unit)).isEqualTo("destroyed");

            assertRefused(capture(objectEvent("OBSERVE").epcs(unit).bizStep("dispensing").disposition("dispensed")
                    .at(SITE)), unit, "lifecycle.unit-destroyed");
        }

        @Test
        void aDispensedUnitIsFinal() {
            String unit = sgtin("d");
            capture(commission(unit));

            assertSucceeded(capture(objectEvent("OBSERVE").epcs(unit).bizStep("dispensing").disposition("dispensed")
                    .at(SITE)));
            assertThat(status(unit)).isEqualTo("dispensed");

            assertRefused(capture(observe("active", unit)), unit, "lifecycle.unit-dispensed");
        }
    }

    @Nested
    class Dispositions {

        @Test
        void aReturnIsReceivedAsReturnedAndCanBeReactivated() {
            String unit = sgtin("ret");
            capture(commission(unit));
            assertSucceeded(capture(objectEvent("OBSERVE").epcs(unit).bizStep("shipping").disposition("returned")
                    .readPoint(SITE).from(SITE).to(BUYER, BUYER_SITE)));
            assertThat(status(unit)).isEqualTo("in_transit");

            assertSucceeded(capture(objectEvent("OBSERVE").epcs(unit).bizStep("receiving").disposition("returned")
                    .at(BUYER_SITE)));
            assertThat(status(unit)).isEqualTo("returned");

            assertSucceeded(capture(observe("sellable_accessible", unit)));
            assertThat(status(unit)).isEqualTo("active");
        }

        @Test
        void aRecalledUnitCannotBeDispensed() {
            String unit = sgtin("rec");
            capture(commission(unit));

            assertSucceeded(capture(observe("recalled", unit)));
            assertThat(status(unit)).isEqualTo("recalled");

            assertRefused(capture(objectEvent("OBSERVE").epcs(unit).bizStep("dispensing").disposition("dispensed")
                    .at(SITE)), unit, "lifecycle.illegal-transition");
        }

        @Test
        void aStolenUnitFoundAgainIsActive() {
            String unit = sgtin("st");
            capture(commission(unit), observe("stolen", unit));
            assertThat(status(unit)).isEqualTo("stolen");

            assertSucceeded(capture(observe("active", unit)));

            assertThat(status(unit)).isEqualTo("active");
        }

        @Test
        void anExpiredUnitNeverBecomesSaleableAgain() {
            String unit = sgtin("exp");
            capture(commission(unit), observe("expired", unit));
            assertThat(status(unit)).isEqualTo("expired");

            assertRefused(capture(observe("active", unit)), unit, "lifecycle.illegal-transition");
        }

        @Test
        void aDamagedUnitCanBeDestroyed() {
            String unit = sgtin("dam");
            capture(commission(unit), observe("damaged", unit));

            assertSucceeded(capture(objectEvent("DELETE").epcs(unit).bizStep("destroying").disposition("destroyed")
                    .at(SITE)));

            assertThat(status(unit)).isEqualTo("destroyed");
        }
    }
}
