package io.tracegate.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.compliance.UnitMarks.Mark;
import io.tracegate.gateway.serials.SerialStore.UnitView;
import io.tracegate.gateway.serials.UnitStatus;
import io.tracegate.gateway.verify.VerifyProperties.RequestorPolicy;
import io.tracegate.gs1.ExpiryDate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The responder's decision on its own, with a fixed clock: order, dates, marks, recalls and disclosure. */
class VerdictTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-06-15T12:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.now(CLOCK);
    private static final LocalDate EXPIRY = LocalDate.of(2028, 2, 29);

    private static UnitView unit(String lot, LocalDate expiry, UnitStatus status, String disposition) {
        return new UnitView("https://id.gs1.org/01/00300010123455/21/S1", "urn:epc:id:sgtin:030001.0012345.S1",
                "sgtin", "00300010123455", lot, expiry, status, disposition, null, null, null, null, null, false);
    }

    private static Verdict decide(UnitView unit, String lot, String exp, Mark mark, boolean recalled) {
        return Verdict.decide(unit, lot, ExpiryDate.parse(exp, CLOCK).date(), mark, recalled, TODAY);
    }

    @Test
    void theDecisionOrder() {
        UnitView active = unit("L1", EXPIRY, UnitStatus.ACTIVE, "active");

        assertThat(decide(null, "L1", "280229", null, false))
                .isEqualTo(new Verdict(false, FailureReason.NO_MATCH_GTIN_SERIAL, null));
        assertThat(decide(active, "L2", "280228", null, false))
                .isEqualTo(new Verdict(false, FailureReason.NO_MATCH_GTIN_SERIAL_LOT_EXPIRY, null));
        assertThat(decide(active, "L2", "280229", null, false))
                .isEqualTo(new Verdict(false, FailureReason.NO_MATCH_GTIN_SERIAL_LOT, null));
        assertThat(decide(active, "L1", "280228", null, false))
                .isEqualTo(new Verdict(false, FailureReason.NO_MATCH_GTIN_SERIAL_EXPIRY, null));
        assertThat(decide(active, "L1", "280229", null, false)).isEqualTo(new Verdict(true, null, null));
        // day 00: the last day of the month, 29 February in a leap year
        assertThat(decide(active, "L1", "280200", null, false)).isEqualTo(new Verdict(true, null, null));
        // an SSCC is no product identifier
        UnitView sscc = new UnitView("k", "urn:epc:id:sscc:030001.0000000001", "sscc", null, null, null,
                UnitStatus.ACTIVE, "active", null, null, null, null, null, false);
        assertThat(decide(sscc, "L1", "280229", null, false).reason()).isEqualTo(FailureReason.NO_MATCH_GTIN_SERIAL);
        // a unit only observed in an imported history was not commissioned here
        UnitView observed = new UnitView(active.key(), active.epc(), "sgtin", active.gtin(), "L1", EXPIRY,
                UnitStatus.ACTIVE, "active", null, null, null, null, null, true);
        assertThat(decide(observed, "L1", "280229", null, false).reason())
                .isEqualTo(FailureReason.NO_MATCH_GTIN_SERIAL);
        // a unit stored without lot or expiry matches none
        assertThat(decide(unit(null, null, UnitStatus.ACTIVE, "active"), "L1", "280229", null, false).reason())
                .isEqualTo(FailureReason.NO_MATCH_GTIN_SERIAL_LOT_EXPIRY);
    }

    @Test
    void destroyedStolenAndIllegitimateAreNotForRedistribution() {
        for (UnitView unit : new UnitView[] {unit("L1", EXPIRY, UnitStatus.DESTROYED, "destroyed"),
                unit("L1", EXPIRY, UnitStatus.STOLEN, "stolen"), unit("L1", EXPIRY, UnitStatus.ACTIVE, "stolen"),
                unit("L1", EXPIRY, UnitStatus.IN_TRANSIT, "destroyed")}) {
            assertThat(decide(unit, "L1", "280229", null, false))
                    .isEqualTo(new Verdict(false, FailureReason.NOT_FOR_REDISTRIBUTION, null));
        }
        UnitView active = unit("L1", EXPIRY, UnitStatus.ACTIVE, "active");
        assertThat(decide(active, "L1", "280229", Mark.ILLEGITIMATE, false))
                .isEqualTo(new Verdict(false, FailureReason.NOT_FOR_REDISTRIBUTION, AdditionalInfo.ILLEGITIMATE));
        // decommissioned and dispensed units were applied by the manufacturer: verified
        assertThat(decide(unit("L1", EXPIRY, UnitStatus.DECOMMISSIONED, "inactive"), "L1", "280229", null, false)
                .verified()).isTrue();
    }

    @Test
    void additionalInformationInItsOrder() {
        UnitView active = unit("L1", EXPIRY, UnitStatus.ACTIVE, "active");
        UnitView expired = unit("L1", LocalDate.of(2027, 6, 14), UnitStatus.ACTIVE, "active");

        assertThat(decide(active, "L1", "280229", Mark.SUSPECT, true).info()).isEqualTo(AdditionalInfo.SUSPECT);
        assertThat(decide(active, "L1", "280229", null, true).info()).isEqualTo(AdditionalInfo.RECALLED);
        assertThat(decide(unit("L1", EXPIRY, UnitStatus.RECALLED, "recalled"), "L1", "280229", null, false).info())
                .isEqualTo(AdditionalInfo.RECALLED);
        assertThat(decide(expired, "L1", "270614", null, false)).isEqualTo(new Verdict(true, null,
                AdditionalInfo.EXPIRED));
        // the expiry date itself is still good
        assertThat(decide(unit("L1", TODAY, UnitStatus.ACTIVE, "active"), "L1", "270615", null, false).info())
                .isNull();
        assertThat(decide(expired, "L1", "270614", null, true).info()).isEqualTo(AdditionalInfo.RECALLED);
    }

    @Test
    void aPolicyWithholdsWhatItDoesNotReveal() {
        Verdict lot = new Verdict(false, FailureReason.NO_MATCH_GTIN_SERIAL_LOT, AdditionalInfo.RECALLED);
        RequestorPolicy discreet = new RequestorPolicy(1.0, 1, false, Set.of("Expired"));
        RequestorPolicy open = new RequestorPolicy(1.0, 1, true, VerifyProperties.ADDITIONAL_INFO);

        assertThat(lot.disclosedTo(discreet)).isEqualTo(new Verdict(false, FailureReason.NO_REASON_PROVIDED, null));
        assertThat(lot.disclosedTo(open)).isEqualTo(lot);
        assertThat(new Verdict(true, null, AdditionalInfo.EXPIRED).disclosedTo(discreet))
                .isEqualTo(new Verdict(true, null, AdditionalInfo.EXPIRED));
    }
}
