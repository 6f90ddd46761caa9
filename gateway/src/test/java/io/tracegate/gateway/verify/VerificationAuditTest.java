package io.tracegate.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.security.Role;
import io.tracegate.gs1.epc.Epc;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The audit trail records the compliance actions around verification: every verification answered (one record per
 * requestor and request-log commit, naming the units asked about), a unit marked, a lot recalled.
 */
class VerificationAuditTest extends VerifyTest {

    private List<String> actions(String object, String field) {
        HttpResponse<String> records = get("/audit?object=" + URLEncoder.encode(object, StandardCharsets.UTF_8),
                complianceKey());
        assertThat(records.statusCode()).as(records.body()).isEqualTo(200);
        return json(records, "$.records[*]." + field);
    }

    private static String unitObject(String urn) {
        return "epc:" + Epc.parse(urn).toDigitalLink();
    }

    @Test
    void verificationsMarksAndRecallsAreAudited() {
        String lot = unique("AUDITVA").replace("-", "");
        String unit = commissioned(lot, "2030-03-31");
        String name = unique("audited-partner");
        String key = createKey(name, Role.PARTNER);

        HttpResponse<String> answer = lms(key, lot, serial(unit), "300331");
        assertThat((Boolean) json(answer, "$.data.verified")).as(answer.body()).isTrue();
        assertThat(actions(unitObject(unit), "action")).containsExactly("verification.answered");
        assertThat(actions(unitObject(unit), "actor")).containsExactly(name);
        assertThat(actions(unitObject(unit), "payloadSha256")).singleElement().asString().hasSize(64);

        HttpResponse<String> marked = post("/units/" + URLEncoder.encode(unit, StandardCharsets.UTF_8) + "/marks",
                complianceKey(), "{\"mark\":\"suspect\",\"note\":\"torn seal\"}");
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(201);
        HttpResponse<String> recalled = post("/recalls", complianceKey(), "{\"gtin\":\"" + GTIN + "\",\"lot\":\""
                + lot + "\",\"reason\":\"audit test\"}");
        assertThat(recalled.statusCode()).as(recalled.body()).isEqualTo(201);

        assertThat(actions(unitObject(unit), "action")).containsExactly("verification.answered",
                "unit.marked.suspect");
        assertThat(actions("lot:" + GTIN + ":" + lot, "action")).containsExactly("recall.created");
        HttpResponse<String> chain = get("/audit/verify", complianceKey());
        assertThat((Boolean) json(chain, "$.intact")).as(chain.body()).isTrue();
    }

    /** Requestors verifying at once: each gets its own record, naming its unit, and the chain does not fork. */
    @Test
    void concurrentVerificationsEachLeaveTheirRecord() throws Exception {
        int requestors = 6;
        String lot = unique("AUDITVC").replace("-", "");
        List<String> units = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < requestors; i++) {
            units.add(commissioned(lot, "2030-03-31"));
            names.add(unique("concurrent-partner"));
            keys.add(createKey(names.get(i), Role.PARTNER));
        }
        CyclicBarrier start = new CyclicBarrier(requestors);
        ExecutorService pool = Executors.newFixedThreadPool(requestors);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < requestors; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return lms(keys.get(n), lot, serial(units.get(n)), "300331");
                }));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat((Boolean) json(answer.get(), "$.data.verified")).as(answer.get().body()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < requestors; i++) {
            assertThat(actions(unitObject(units.get(i)), "actor")).as(units.get(i)).containsExactly(names.get(i));
        }
        HttpResponse<String> chain = get("/audit/verify", complianceKey());
        assertThat((Boolean) json(chain, "$.intact")).as(chain.body()).isTrue();
    }
}
