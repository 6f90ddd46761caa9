package io.tracegate.gateway.compliance;

import io.tracegate.gateway.masterdata.MasterDataStore;
import io.tracegate.gateway.masterdata.Product;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import io.tracegate.gateway.query.RecallReport;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gtin;
import io.tracegate.gs1.epc.Epc;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens, records findings on and closes investigations; each step is one transaction that ends with its audit
 * record.
 *
 * <p>Opening orders itself with concurrent captures (see {@code compliance_unit_holds} in V51): on a lot it locks
 * the lot's row, on units their rows, before it reads where the units are. A capture shipping them either waits
 * for the investigation and is then refused, or has shipped them first, and the investigation then records that
 * they had already left (and to whom) as a finding.
 */
@Service
public class Investigations {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final RecallReport recall;
    private final MasterDataStore masterData;
    private final UnitMarks marks;
    private final ObjectProvider<PartnerNotices> notices;
    private final ComplianceProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    Investigations(JdbcClient jdbc, AuditTrail audit, RecallReport recall, MasterDataStore masterData,
            UnitMarks marks, ObjectProvider<PartnerNotices> notices, ComplianceProperties properties, JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.recall = recall;
        this.masterData = masterData;
        this.marks = marks;
        this.notices = notices;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** What to investigate: {@code epcs}, or {@code gtin} and {@code lot}. */
    public record Opening(String suspicion, String reason, List<String> epcs, String gtin, String lot) {
    }

    @Transactional
    public Investigation open(String actor, Opening request) {
        String suspicion = request.suspicion() == null ? "suspect" : request.suspicion();
        if (!suspicion.equals("suspect") && !suspicion.equals("illegitimate")) {
            throw ApiProblem.validation("suspicion: '" + suspicion + "' is neither 'suspect' nor 'illegitimate'");
        }
        if (request.reason() == null || request.reason().isBlank()) {
            throw ApiProblem.validation("reason: say why the product is suspect");
        }
        boolean units = request.epcs() != null && !request.epcs().isEmpty();
        boolean lot = request.lot() != null || request.gtin() != null;
        if (units == lot) {
            throw ApiProblem.validation("give either 'epcs' (the units) or 'gtin' and 'lot' (a whole lot)");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<String> findings = new ArrayList<>();
        List<String> objects = new ArrayList<>();
        long id;
        if (lot) {
            String gtin = gtin(request.gtin());
            if (request.lot() == null || request.lot().isBlank()) {
                throw ApiProblem.validation("lot: the lot number is required with gtin");
            }
            // the lot's row first: a capture shipping its units waits for this transaction, or this for it
            if (jdbc.sql("select 1 from lot where gtin = ? and lot = ? for update").params(gtin, request.lot())
                    .query(Integer.class).optional().isEmpty()) {
                throw ApiProblem.noSuchResource("no unit of lot " + request.lot() + " of GTIN " + gtin
                        + " is known");
            }
            id = insert(suspicion, gtin, request.lot(), request.reason(), actor, now);
            jdbc.sql("select status, coalesce(in_transit_to, owner), count(*) from serial_unit"
                            + " where lot = ? and gtin = ? and status <> 'ACTIVE' group by 1, 2 order by 1, 2")
                    .params(request.lot(), gtin)
                    .query((rs, n) -> findings.add(rs.getLong(3) + " unit(s) of the lot were "
                            + rs.getString(1).toLowerCase() + (rs.getString(2) == null ? "" : " (owner or"
                            + " destination " + rs.getString(2) + ")") + " when the investigation was opened"))
                    .list();
            objects.add("lot:" + gtin + ":" + request.lot());
        } else {
            Map<String, String> keys = new TreeMap<>(); // key order: rows are locked in it, as captures lock them
            for (int i = 0; i < request.epcs().size(); i++) {
                String written = request.epcs().get(i);
                try {
                    keys.put(Epc.parse(written).toDigitalLink(), written);
                } catch (Gs1Exception | NullPointerException e) {
                    throw ApiProblem.validation("epcs[" + i + "]: '" + written + "' is not an EPC URN or GS1 Digital"
                            + " Link");
                }
            }
            id = insert(suspicion, null, null, request.reason(), actor, now);
            for (Map.Entry<String, String> unit : keys.entrySet()) {
                jdbc.sql("insert into investigation_unit (investigation_id, epc, written) values (?, ?, ?)")
                        .params(id, unit.getKey(), unit.getValue()).update();
                objects.add("epc:" + unit.getKey());
            }
            Map<String, String> found = new LinkedHashMap<>();
            jdbc.sql("select epc, status, coalesce(in_transit_to, owner) from serial_unit where epc = any(?)"
                            + " order by epc for share")
                    .param(keys.keySet().toArray(String[]::new))
                    .query((rs, n) -> found.put(rs.getString(1), rs.getString(2).equals("ACTIVE") ? ""
                            : rs.getString(2).toLowerCase() + (rs.getString(3) == null ? "" : " (owner or"
                            + " destination " + rs.getString(3) + ")")))
                    .list();
            keys.forEach((key, written) -> {
                String state = found.get(key);
                if (state == null) {
                    findings.add(written + " is not a unit this gateway knows");
                } else if (!state.isEmpty()) {
                    findings.add(written + " was already " + state + " when the investigation was opened");
                }
            });
        }
        for (String text : findings) {
            finding(id, AuditTrail.SYSTEM, text, now);
        }
        objects.add(0, "investigation:" + id);
        audit.record(actor, "investigation.opened", objects, AuditTrail.sha256(json.writeValueAsBytes(request)));
        return find(id).orElseThrow();
    }

    private long insert(String suspicion, String gtin, String lot, String reason, String actor, OffsetDateTime now) {
        return jdbc.sql("insert into investigation (suspicion, status, gtin, lot, reason, opened_by, opened_at)"
                        + " values (?, 'open', ?, ?, ?, ?, ?) returning id")
                .params(suspicion, gtin, lot, reason, actor, now).query(Long.class).single();
    }

    private void finding(long id, String by, String text, OffsetDateTime at) {
        jdbc.sql("insert into investigation_finding (investigation_id, recorded_by, recorded_at, text)"
                + " values (?, ?, ?, ?)").params(id, by, at, text).update();
    }

    /** Records a finding on an open investigation. */
    @Transactional
    public Investigation addFinding(String actor, long id, String text) {
        if (text == null || text.isBlank()) {
            throw ApiProblem.validation("text: the finding is empty");
        }
        lockOpen(id);
        finding(id, actor, text, OffsetDateTime.now(clock));
        audit.record(actor, "investigation.finding", List.of("investigation:" + id), AuditTrail.sha256(text));
        return find(id).orElseThrow();
    }

    /** How an investigation ends: {@code cleared} or {@code illegitimate} (then with a Form 3911 classification). */
    public record Closing(String outcome, String conclusion, String classification) {
    }

    /**
     * Closes an open investigation, releasing its quarantine. Closed as illegitimate, it produces the FDA Form 3911
     * notification data and notifies the partners who received the product.
     */
    @Transactional
    public Investigation close(String actor, long id, Closing request) {
        String outcome = request.outcome();
        if (!"cleared".equals(outcome) && !"illegitimate".equals(outcome)) {
            throw ApiProblem.validation("outcome: '" + outcome + "' is neither 'cleared' nor 'illegitimate'");
        }
        if (request.conclusion() == null || request.conclusion().isBlank()) {
            throw ApiProblem.validation("conclusion: say what the investigation concluded");
        }
        boolean illegitimate = outcome.equals("illegitimate");
        if (illegitimate && !Form3911.CLASSIFICATIONS.contains(request.classification())) {
            throw ApiProblem.validation("classification: '" + request.classification() + "' is not one of "
                    + Form3911.CLASSIFICATIONS + " (FDA Form 3911, item 5)");
        }
        lockOpen(id);
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("update investigation set status = ?, closed_by = ?, closed_at = ?, conclusion = ? where id = ?")
                .params(outcome, actor, now, request.conclusion(), id).update();
        String payload = AuditTrail.sha256(json.writeValueAsBytes(request));
        if (illegitimate) {
            Form3911 form = notify(actor, find(id).orElseThrow(), request.classification(), now);
            byte[] document = json.writeValueAsBytes(form);
            jdbc.sql("update investigation set notification = ?::jsonb where id = ?")
                    .params(new String(document, StandardCharsets.UTF_8), id).update();
            payload = AuditTrail.sha256(document);
            // units named one by one keep the finding: verification answers them illegitimate from now on
            jdbc.sql("select epc, written from investigation_unit where investigation_id = ? order by epc").param(id)
                    .query((rs, n) -> marks.mark(rs.getString(1), rs.getString(2), UnitMarks.Mark.ILLEGITIMATE,
                            "investigation " + id + ": " + request.conclusion(), actor)).list();
        }
        audit.record(actor, "investigation.closed." + outcome, List.of("investigation:" + id), payload);
        return find(id).orElseThrow();
    }

    /**
     * The Form 3911 data of an investigation found illegitimate; the partners who received the product are sent it
     * (the one place that notifies them) and each sending is recorded as a finding.
     */
    private Form3911 notify(String actor, Investigation found, String classification, OffsetDateTime now) {
        List<String> keys = unitKeys(found.id());
        RecallReport.Selection selection = found.lot() != null ? RecallReport.Selection.lot(found.gtin(),
                found.lot()) : RecallReport.Selection.units(keys);
        Map<String, List<String>> shipmentsByPartner = new TreeMap<>();
        TreeMap<String, String> lots = new TreeMap<>();
        List<String> serials = new ArrayList<>();
        String[] gtin = {found.gtin()};
        RecallReport.Summary summary = recall.run(selection, row -> {
            if (row.lot() != null) {
                lots.put(row.lot(), row.expiry());
            }
            if (found.lot() == null) {
                serials.add(row.epc());
            }
            if (gtin[0] == null) {
                gtin[0] = row.gtin();
            }
            if (row.shipment() != null && row.shipment().partner() != null && !row.inStock()) {
                List<String> shipments = shipmentsByPartner.computeIfAbsent(row.shipment().partner(),
                        p -> new ArrayList<>());
                if (!shipments.contains(row.shipment().eventID())) {
                    shipments.add(row.shipment().eventID());
                }
            }
        });
        Optional<Product> product = gtin[0] == null ? Optional.empty() : masterData.product(gtin[0]);
        PartnerNotices channel = properties.notifyPartners() ? notices.getIfAvailable() : null;
        ComplianceProperties.Company company = properties.company();
        List<Form3911.PartnerNotified> partners = new ArrayList<>();
        Form3911 form = form(found, classification, now, product, summary, serials, lots, company, partners);
        for (Map.Entry<String, List<String>> partner : shipmentsByPartner.entrySet()) {
            boolean sent = channel != null && channel.send(partner.getKey(), json.writeValueAsBytes(form));
            partners.add(new Form3911.PartnerNotified(partner.getKey(), summary.unitsByPartner()
                    .getOrDefault(partner.getKey(), 0L), partner.getValue(), sent));
            finding(found.id(), AuditTrail.SYSTEM, sent ? "illegitimate product notification queued for "
                    + partner.getKey() : "illegitimate product notification NOT sent to " + partner.getKey() + ": "
                    + (properties.notifyPartners() ? "no partner exchange channel to it" : "partner notification is"
                    + " off (tracegate.compliance.notify-partners)") + "; send it the notification data", now);
        }
        return form(found, classification, now, product, summary, serials, lots, company, partners);
    }

    private static Form3911 form(Investigation found, String classification, OffsetDateTime now,
            Optional<Product> product, RecallReport.Summary summary, List<String> serials,
            TreeMap<String, String> lots, ComplianceProperties.Company company,
            List<Form3911.PartnerNotified> partners) {
        LocalDate today = now.toLocalDate();
        StringBuilder description = new StringBuilder("Investigation ").append(found.id()).append(" opened ")
                .append(found.openedAt().toLocalDate()).append(" by ").append(found.openedBy()).append(": ")
                .append(found.reason());
        found.findings().forEach(f -> description.append("\n- ").append(f.text()));
        description.append("\nConclusion: ").append(found.conclusion());
        return new Form3911("initial_notification", null, today, today, classification,
                product.map(Product::name).orElse(null), null, null, null, product.map(Product::strength).orElse(null),
                product.map(Product::dosageForm).orElse(null), summary.units() + " unit(s)"
                        + product.map(p -> p.netContent() == null ? "" : " of " + p.netContent()).orElse(""),
                product.map(Product::ndc).orElse(null), List.copyOf(serials), List.copyOf(lots.keySet()),
                lots.values().stream().map(e -> e == null ? "unknown" : e).distinct().toList(),
                description.toString(), company.name() == null ? null : company.name()
                        + (company.address() == null ? "" : ", " + company.address()), company.category(),
                new Form3911.Contact(company.contactName(), company.contactPhone(), company.contactEmail()),
                List.copyOf(partners));
    }

    private void lockOpen(long id) {
        String status = jdbc.sql("select status from investigation where id = ? for update").param(id)
                .query(String.class).optional()
                .orElseThrow(() -> ApiProblem.noSuchResource("no investigation " + id));
        if (!status.equals("open")) {
            throw new ApiProblem(EpcisProblemType.VALIDATION, HttpStatus.CONFLICT, "investigation " + id
                    + " is already closed as " + status);
        }
    }

    private List<String> unitKeys(long id) {
        return jdbc.sql("select epc from investigation_unit where investigation_id = ? order by epc").param(id)
                .query(String.class).list();
    }

    public Optional<Investigation> find(long id) {
        return jdbc.sql("select * from investigation where id = ?").param(id).query((rs, n) -> {
            String notification = rs.getString("notification");
            return new Investigation(id, rs.getString("suspicion"), rs.getString("status"), rs.getString("gtin"),
                    rs.getString("lot"), rs.getString("reason"), rs.getString("opened_by"),
                    rs.getObject("opened_at", OffsetDateTime.class), rs.getString("closed_by"),
                    rs.getObject("closed_at", OffsetDateTime.class), rs.getString("conclusion"),
                    jdbc.sql("select written from investigation_unit where investigation_id = ? order by written")
                            .param(id).query(String.class).list(),
                    jdbc.sql("select recorded_by, recorded_at, text from investigation_finding"
                                    + " where investigation_id = ? order by id").param(id)
                            .query((f, m) -> new Investigation.Finding(f.getString(1),
                                    f.getObject(2, OffsetDateTime.class), f.getString(3))).list(),
                    notification == null ? null : json.readValue(notification, Form3911.class));
        }).optional();
    }

    /** Investigations, newest first; only those of this status unless it is null. */
    public List<Investigation> list(String status, int limit) {
        return jdbc.sql("select id from investigation where (cast(? as text) is null or status = ?)"
                        + " order by id desc limit ?")
                .params(status, status, limit).query(Long.class).list().stream()
                .map(id -> find(id).orElseThrow()).toList();
    }

    private static String gtin(String text) {
        try {
            return Gtin.of(text).value();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiProblem.validation("gtin: '" + text + "' is not a GTIN");
        }
    }
}
