package io.tracegate.gateway.query;

import io.tracegate.gateway.masterdata.MasterDataStore;
import io.tracegate.gateway.masterdata.Product;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.GcpLengthResolver;
import io.tracegate.gs1.epc.Sgln;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The smaller compliance reports: expiry (FEFO), stock at a site, the transactions of a lot, an SSCC's content and
 * the answer to a DSCSA request for information.
 */
@Service
public class ComplianceReports {

    private static final int MAX_DEPTH = 8;

    private final JdbcClient jdbc;
    private final SelectionQuery selections;
    private final MasterDataStore masterData;
    private final Clock clock;

    ComplianceReports(JdbcClient jdbc, SelectionQuery selections, MasterDataStore masterData, Clock clock) {
        this.jdbc = jdbc;
        this.selections = selections;
        this.masterData = masterData;
        this.clock = clock;
    }

    /** Events captured (recorded) on one day (UTC). */
    public record DayCount(LocalDate day, long events) {
    }

    /** What happened lately: events per day, capture jobs committed and refused, events refused. */
    public record Activity(List<DayCount> eventsPerDay, long capturesCommitted, long capturesRefused,
                           long eventsRefused) {
    }

    /** The last {@code days} days of activity: events by the day they were captured, and capture jobs. */
    public Activity activity(int days) {
        OffsetDateTime since = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.DAYS).minusDays(days - 1L);
        List<DayCount> perDay = jdbc.sql("select (record_time at time zone 'UTC')::date, count(*) from epcis_event"
                        + " where record_time >= ? group by 1 order by 1")
                .param(since).query((rs, n) -> new DayCount(rs.getDate(1).toLocalDate(), rs.getLong(2))).list();
        return jdbc.sql("select count(*) filter (where success), count(*) filter (where not success),"
                        + " coalesce(sum(jsonb_array_length(errors)), 0) from capture_job where not running"
                        + " and created_at >= ?")
                .param(since).query((rs, n) -> new Activity(perDay, rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .single();
    }

    /**
     * What a search box's text names: a unit or container (EPC URN, GS1 Digital Link, or a barcode's scan data or
     * bracketed element string with GTIN and serial, or an SSCC), else a lot number.
     */
    public record Found(String kind, String epc, String lot) {
    }

    public Found find(String text) {
        String q = text == null ? "" : text.strip();
        if (q.isEmpty()) {
            throw ApiProblem.validation("q: type an EPC, a scan, an SSCC or a lot");
        }
        try {
            return new Found("unit", Epc.parse(q).toDigitalLink(), null);
        } catch (Gs1Exception notAnEpc) {
            // a barcode's content, or a lot
        }
        try {
            ElementString scanned = q.startsWith("]") ? PARSER.parseScanData(q) : q.startsWith("(")
                    ? PARSER.parseBracketed(q) : null;
            if (scanned != null) {
                return new Found("unit", Epc.fromElementString(scanned).toDigitalLink(), scanned.lot());
            }
        } catch (Gs1Exception e) {
            throw ApiProblem.validation("q: '" + q + "' reads as a barcode but not as a unit: " + e.getMessage());
        }
        return new Found("lot", null, q);
    }

    private static final Gs1Parser PARSER = new Gs1Parser();

    /** A lot in the expiry report: its active units, days to expiry (negative once expired). */
    public record ExpiringLot(String gtin, String lot, LocalDate expiry, long daysToExpiry, boolean expired,
                              long activeUnits) {
    }

    /** Lots expiring within {@code days} (and those expired), earliest first (FEFO), with their active units. */
    public List<ExpiringLot> expiry(int days, String gtin) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql("select l.gtin, l.lot, l.expiry, (select count(*) from serial_unit u where u.lot = l.lot"
                        + " and u.gtin = l.gtin and u.status = 'ACTIVE' and u.kind = 'sgtin') from lot l"
                        + " where l.expiry <= ? and (cast(? as text) is null or l.gtin = ?)"
                        + " order by l.expiry, l.gtin, l.lot")
                .params(today.plusDays(days), gtin, gtin)
                .query((rs, n) -> {
                    LocalDate expiry = rs.getDate(3).toLocalDate();
                    long left = ChronoUnit.DAYS.between(today, expiry);
                    return new ExpiringLot(rs.getString(1), rs.getString(2), expiry, left, left < 0, rs.getLong(4));
                }).list();
    }

    /** A unit in stock at a site. */
    public record StockUnit(String epc, String gtin, String lot, LocalDate expiry, String status, String container) {
    }

    /** The units at a site (an SGLN, or a GLN meaning its extension 0) that are active or returned, by GTIN and lot. */
    public List<StockUnit> stock(String site) {
        Sgln sgln = sgln(site);
        // locations are kept as written: the URN or the Digital Link of the site
        String[] forms = {sgln.toUrn(GcpLengthResolver.standard()), sgln.toDigitalLink()};
        return jdbc.sql("select u.written, u.gtin, u.lot, u.expiry, u.status, p.written from serial_unit u"
                        + " left join serial_unit p on p.epc = u.parent where u.location = any(?) and u.kind = 'sgtin'"
                        + " and u.status in ('ACTIVE', 'RETURNED') order by u.gtin, u.lot, u.epc")
                .param(forms)
                .query((rs, n) -> new StockUnit(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(), rs.getString(5).toLowerCase(),
                        rs.getString(6))).list();
    }

    /**
     * A transaction in a history: a shipping (to a customer) or a receiving (from a supplier), with its business
     * transactions.
     */
    public record Transaction(String direction, OffsetDateTime date, String eventID, String seller, String buyer,
                              String shipTo, List<String> purchaseOrders, List<String> despatchAdvices,
                              List<String> invoices) {
    }

    /** The shippings and receivings of the units of a selection or the cases and pallets they were in. */
    @Transactional(readOnly = true)
    public List<Transaction> history(SelectionQuery.Selection selection) {
        SelectionQuery.Resolved resolved = selections.resolve(selection);
        List<Transaction> history = new ArrayList<>();
        selections.events(resolved, stored -> {
            if ("shipping".equals(stored.bizStep()) || "receiving".equals(stored.bizStep())) {
                Shipment s = RecallReport.shipment(stored.body());
                history.add(new Transaction(stored.bizStep().equals("shipping") ? "shipped" : "received",
                        s.eventTime(), s.eventID(), s.seller(), s.partner(), s.shipTo(), s.purchaseOrders(),
                        s.despatchAdvices(), s.invoices()));
            }
        });
        return history;
    }

    /** A node of a container's content. */
    public record Content(String epc, String kind, String gtin, String lot, LocalDate expiry, String status,
                         List<Content> children) {
    }

    /** An SSCC (or any container) with everything packed in it, at every depth. */
    public Content content(String epcText) {
        String key = SelectionQuery.key("epc", epcText);
        record Row(String key, String parent, Content node) {
        }
        List<Row> rows = jdbc.sql("with recursive down (epc, depth) as (select epc, 0 from serial_unit where epc = ?"
                        + " union all select u.epc, d.depth + 1 from serial_unit u join down d on u.parent = d.epc"
                        + " where d.depth < " + MAX_DEPTH + ") select u.epc, u.parent, u.written, u.kind, u.gtin,"
                        + " u.lot, u.expiry, u.status from serial_unit u join down d on d.epc = u.epc"
                        + " order by d.depth, u.written")
                .param(key)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), new Content(rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getDate(7) == null ? null : rs.getDate(7).toLocalDate(), rs.getString(8).toLowerCase(),
                        new ArrayList<>()))).list();
        if (rows.isEmpty()) {
            throw ApiProblem.noSuchResource("no unit or container " + epcText + " is known");
        }
        Map<String, Content> nodes = new LinkedHashMap<>();
        rows.forEach(r -> nodes.put(r.key(), r.node()));
        rows.stream().skip(1).forEach(r -> nodes.get(r.parent()).children().add(r.node()));
        return rows.get(0).node();
    }

    /**
     * The answer to a DSCSA request for information about a unit or a lot: the product, its transaction information
     * and history, and the transaction statement, ready to send.
     */
    public record InformationAnswer(OffsetDateTime preparedAt, String subject, ProductInformation product,
                                    String lot, LocalDate expiry, long units, Content unit,
                                    List<Transaction> transactionHistory, String transactionStatement) {
    }

    /** The product as the transaction information names it. */
    public record ProductInformation(String gtin, String ndc, String name, String strength, String dosageForm,
                                     String containerSize, String manufacturer) {
    }

    /** Our own wording of the statement the DSCSA asks the seller for (FDCA section 581(27)). */
    public static final String TRANSACTION_STATEMENT = "The seller of this product: is authorized as the DSCSA"
            + " requires; received it from a person so authorized; received transaction information and a"
            + " transaction statement from the prior owner; did not knowingly ship a suspect or illegitimate"
            + " product; had systems and processes in place to meet the verification requirements; did not"
            + " knowingly provide false transaction information; and did not knowingly alter the transaction"
            + " history.";

    @Transactional(readOnly = true)
    public InformationAnswer requestForInformation(String epc, String gtin, String lot) {
        SelectionQuery.Selection selection;
        Content unit = null;
        String productGtin = gtin;
        String lotNumber = lot;
        LocalDate expiry = null;
        long units;
        if (epc != null) {
            unit = content(epc);
            productGtin = unit.gtin();
            lotNumber = unit.lot();
            expiry = unit.expiry();
            units = 1;
            selection = new SelectionQuery.Selection(null, null, epc, null, null, null, null);
        } else {
            if (lot == null) {
                throw ApiProblem.validation("give 'epc' (a unit), or 'lot' with 'gtin'");
            }
            units = jdbc.sql("select count(*) from serial_unit where lot = ? and (cast(? as text) is null or gtin = ?)"
                    + " and kind = 'sgtin'").params(lot, gtin, gtin).query(Long.class).single();
            if (units == 0) {
                throw ApiProblem.noSuchResource("no unit of lot " + lot + " is known");
            }
            expiry = jdbc.sql("select expiry from lot where lot = ? and (cast(? as text) is null or gtin = ?)"
                    + " and expiry is not null limit 1").params(lot, gtin, gtin).query(LocalDate.class).optional()
                    .orElse(null);
            selection = new SelectionQuery.Selection(gtin, lot, null, null, null, null, null);
        }
        Product product = productGtin == null ? null : masterData.product(productGtin).orElse(null);
        ProductInformation information = new ProductInformation(productGtin, product == null ? null : product.ndc(),
                product == null ? null : product.name(), product == null ? null : product.strength(),
                product == null ? null : product.dosageForm(), product == null ? null : product.netContent(),
                product == null ? null : product.manufacturer());
        return new InformationAnswer(OffsetDateTime.now(clock), epc != null ? epc : "lot " + lot, information,
                lotNumber, expiry, units, unit, history(selection), TRANSACTION_STATEMENT);
    }

    private static Sgln sgln(String site) {
        try {
            if (site != null && site.matches("\\d{13}")) {
                return new Sgln(new Gln(site));
            }
            if (site != null && Epc.parse(site) instanceof Sgln sgln) {
                return sgln;
            }
        } catch (Gs1Exception | IllegalArgumentException e) {
            // answered below
        }
        throw ApiProblem.validation("site: '" + site + "' is neither a GLN nor an SGLN (URN or GS1 Digital Link)");
    }
}
