package io.tracegate.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.compliance.AuditTrail;
import io.tracegate.gateway.compliance.PartnerNotices;
import io.tracegate.gs1.Gln;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compliance's illegitimate product notifications go to the partner whose GLNs include the party's (SGLN or PGLN),
 * queued in the caller's transaction; a party no partner stands for is answered false.
 */
class ExchangePartnerNoticesTest extends ExchangeTest {

    @Autowired
    private PartnerNotices notices;

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void aNotificationIsQueuedForThePartnerWithThePartysGlnWhenTheCallersTransactionCommits() {
        String location = String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
        Gln gln = Gln.withCheckDigit("0614142" + location);
        TestParties.Party party = TestParties.party(unique("NOTICE"));
        HttpResponse<String> created = post("/partners", ADMIN_KEY, "{\"name\":\"Notified\",\"as2Id\":\""
                + party.as2Id() + "\",\"url\":\"http://localhost:9/as2\",\"glns\":[\"" + gln.value()
                + "\"],\"certificates\":[" + jsonString(party.pem()) + "]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long partnerId = ((Number) json(created, "$.id")).longValue();
        byte[] notice = "{\"notificationType\":\"initial_notification\"}".getBytes(StandardCharsets.UTF_8);

        transactions.executeWithoutResult(t -> {
            assertThat(notices.send("urn:epc:id:sgln:0614142." + location + ".0", notice)).isTrue();
            t.setRollbackOnly();
        });
        assertThat(outbound(partnerId)).as("rolled back with the caller").isEmpty();

        assertThat(notices.send("urn:epc:id:pgln:0614142." + location, notice)).isTrue();
        HttpResponse<String> queued = get("/messages?partner=" + partnerId + "&direction=out", ADMIN_KEY);
        assertThat(outbound(partnerId)).hasSize(1);
        assertThat((String) json(queued, "$[0].contentType")).isEqualTo("application/json");
        assertThat((String) json(queued, "$[0].documentSha256")).isEqualTo(AuditTrail.sha256(notice));

        assertThat(notices.send("urn:epc:id:sgln:0614142." + location + ".7", notice)).as("another site of the"
                + " partner's GLN: the same partner").isTrue();
        assertThat(notices.send(Gln.withCheckDigit("000000" + "100000").value(), notice)).isFalse();
        assertThat(notices.send("not a party", notice)).isFalse();
        assertThat(outbound(partnerId)).hasSize(2);
    }

    private List<Object> outbound(long partnerId) {
        return json(get("/messages?partner=" + partnerId + "&direction=out", ADMIN_KEY), "$[*].id");
    }
}
