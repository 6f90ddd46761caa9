package io.tracegate.gateway.query;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gs1.Gtin;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compliance reports (COMPLIANCE, ADMIN): JSON, or CSV for {@code Accept: text/csv}. Large reports are streamed as
 * they are read.
 */
@RestController
class ReportsController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final RecallReport recall;
    private final ComplianceReports reports;
    private final JsonMapper json;

    ReportsController(RecallReport recall, ComplianceReports reports, JsonMapper json) {
        this.recall = recall;
        this.reports = reports;
        this.json = json;
    }

    /** {@code GET /reports/expiry?within=90&gtin=..}: lots expiring within so many days and expired, FEFO. */
    @GetMapping("/reports/expiry")
    ResponseEntity<?> expiry(@RequestParam(defaultValue = "90") int within,
            @RequestParam(required = false) String gtin,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        if (within < 0 || within > 36_500) {
            throw ApiProblem.validation("within: days from today, 0 to 36500, not " + within);
        }
        List<ComplianceReports.ExpiringLot> lots = reports.expiry(within, gtin == null ? null : gtin14("gtin", gtin));
        return respond(accept, "expiry", Map.of("within", within, "lots", lots), csv -> {
            csv.row("gtin", "lot", "expiry", "days_to_expiry", "expired", "active_units");
            lots.forEach(l -> csv.row(l.gtin(), l.lot(), l.expiry(), l.daysToExpiry(), l.expired(),
                    l.activeUnits()));
        });
    }

    /** {@code GET /reports/stock?site=..}: the active and returned units at a site, by GTIN, lot and serial. */
    @GetMapping("/reports/stock")
    ResponseEntity<?> stock(@RequestParam(required = false) String site,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        List<ComplianceReports.StockUnit> units = reports.stock(site);
        Map<String, Long> byLot = new LinkedHashMap<>();
        units.forEach(u -> byLot.merge(u.gtin() + " " + u.lot(), 1L, Long::sum));
        return respond(accept, "stock", Map.of("site", site, "unitCount", units.size(), "unitsByGtinAndLot", byLot,
                "units", units), csv -> {
            csv.row("epc", "gtin", "lot", "expiry", "status", "container");
            units.forEach(u -> csv.row(u.epc(), u.gtin(), u.lot(), u.expiry(), u.status(), u.container()));
        });
    }

    /** {@code GET /reports/lot-history?gtin=..&lot=..}: every shipping and receiving of the lot, in time order. */
    @GetMapping("/reports/lot-history")
    ResponseEntity<?> lotHistory(@RequestParam(required = false) String gtin,
            @RequestParam(required = false) String lot,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        if (lot == null || lot.isBlank()) {
            throw ApiProblem.validation("lot: the lot number is required (gtin is optional)");
        }
        List<ComplianceReports.Transaction> history = reports.history(new SelectionQuery.Selection(
                gtin == null ? null : gtin14("gtin", gtin), lot, null, null, null, null, null));
        return respond(accept, "lot-history", Map.of("lot", lot, "transactions", history), csv -> {
            csv.row("direction", "date", "event_id", "seller", "buyer", "ship_to", "purchase_orders",
                    "despatch_advices", "invoices");
            history.forEach(t -> csv.row(t.direction(), t.date(), t.eventID(), t.seller(), t.buyer(), t.shipTo(),
                    String.join(" ", t.purchaseOrders()), String.join(" ", t.despatchAdvices()),
                    String.join(" ", t.invoices())));
        });
    }

    /** {@code GET /reports/content?epc=..}: an SSCC (or case) down to every unit it contains. */
    @GetMapping("/reports/content")
    ResponseEntity<?> content(@RequestParam(required = false) String epc,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        if (epc == null || epc.isBlank()) {
            throw ApiProblem.validation("epc: the SSCC or case is required (EPC URN or GS1 Digital Link)");
        }
        ComplianceReports.Content top = reports.content(epc);
        return respond(accept, "content", top, csv -> {
            csv.row("depth", "epc", "kind", "gtin", "lot", "expiry", "status", "parent");
            flatten(csv, top, null, 0);
        });
    }

    private static void flatten(CsvWriter csv, ComplianceReports.Content node, String parent, int depth) {
        csv.row(depth, node.epc(), node.kind(), node.gtin(), node.lot(), node.expiry(), node.status(), parent);
        node.children().forEach(child -> flatten(csv, child, node.epc(), depth + 1));
    }

    /**
     * {@code GET /reports/request-for-information?epc=..} or {@code ?gtin=..&lot=..}: the DSCSA answer about a
     * unit or a lot.
     */
    @GetMapping("/reports/request-for-information")
    ComplianceReports.InformationAnswer requestForInformation(@RequestParam(required = false) String epc,
            @RequestParam(required = false) String gtin, @RequestParam(required = false) String lot) {
        return reports.requestForInformation(epc, gtin == null ? null : gtin14("gtin", gtin), lot);
    }

    /** {@code GET /reports/find?q=..}: what a search box's text names (a unit or container, or a lot). */
    @GetMapping("/reports/find")
    ComplianceReports.Found find(@RequestParam(required = false) String q) {
        return reports.find(q);
    }

    /** JSON, or CSV for {@code Accept: text/csv}. */
    private ResponseEntity<?> respond(String accept, String name, Object body, Consumer<CsvWriter> csv) {
        if (!wantsCsv(accept)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvWriter writer = new CsvWriter(out)) {
            csv.accept(writer);
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"")
                .body(out.toByteArray());
    }

    /**
     * {@code GET /reports/recall?gtin=..&lot=..}: every unit of the lot (of any GTIN when {@code gtin} is absent),
     * where it is and who received it on which shipment; then the shipments and the totals.
     */
    @GetMapping("/reports/recall")
    void recall(@RequestParam(required = false) String gtin, @RequestParam(required = false) String lot,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, HttpServletResponse response)
            throws IOException {
        if (lot == null || lot.isBlank()) {
            throw ApiProblem.validation("lot: the lot number is required (gtin is optional: without it, the lot of"
                    + " every product)");
        }
        RecallReport.Selection selection = RecallReport.Selection.lot(gtin == null ? null : gtin14("gtin", gtin),
                lot);
        // written as the units are read (a lot may have hundreds of thousands), on the request's thread
        if (wantsCsv(accept)) {
            response.setContentType("text/csv;charset=UTF-8");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                    "attachment; filename=\"recall-" + lot.replaceAll("[^A-Za-z0-9._-]", "_") + ".csv\"");
            recallCsv(selection, response.getOutputStream());
        } else {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            recallJson(selection, response.getOutputStream());
        }
    }

    private void recallCsv(RecallReport.Selection selection, OutputStream out) {
        try (CsvWriter csv = new CsvWriter(out)) {
            csv.row("epc", "gtin", "lot", "expiry", "status", "owner", "location", "container", "in_stock",
                    "partner", "shipment", "shipped_at", "purchase_orders", "despatch_advices");
            recall.run(selection, r -> {
                Shipment s = r.shipment();
                csv.row(r.epc(), r.gtin(), r.lot(), r.expiry(), r.status(), r.owner(), r.location(), r.container(),
                        r.inStock(), s == null ? null : s.partner(), s == null ? null : s.eventID(),
                        s == null ? null : s.eventTime(), s == null ? null : String.join(" ", s.purchaseOrders()),
                        s == null ? null : String.join(" ", s.despatchAdvices()));
            });
        }
    }

    private void recallJson(RecallReport.Selection selection, OutputStream out) {
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("gtin", selection.gtin());
            g.writeStringProperty("lot", selection.lot());
            g.writeName("units");
            g.writeStartArray();
            RecallReport.Summary summary = recall.run(selection, r -> {
                g.writeStartObject();
                g.writeStringProperty("epc", r.epc());
                if (selection.gtin() == null) {
                    g.writeStringProperty("gtin", r.gtin());
                }
                g.writeStringProperty("status", r.status());
                g.writeStringProperty("owner", r.owner());
                g.writeStringProperty("location", r.location());
                g.writeStringProperty("container", r.container());
                g.writeBooleanProperty("inStock", r.inStock());
                Shipment s = r.shipment();
                if (s != null) {
                    g.writeStringProperty("partner", s.partner());
                    g.writeStringProperty("shipment", s.eventID());
                    g.writeName("purchaseOrders");
                    g.writeArray(s.purchaseOrders().toArray(String[]::new), 0, s.purchaseOrders().size());
                }
                g.writeEndObject();
            });
            g.writeEndArray();
            g.writePOJOProperty("shipments", summary.shipments());
            g.writeNumberProperty("unitCount", summary.units());
            g.writePOJOProperty("expiries", summary.expiries());
            g.writeNumberProperty("inStock", summary.inStock());
            g.writePOJOProperty("unitsByPartner", summary.unitsByPartner());
            g.writeEndObject();
        }
    }

    static boolean wantsCsv(String accept) {
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> !type.isWildcardType() && type.isCompatibleWith(CSV));
        } catch (InvalidMediaTypeException e) {
            throw ApiProblem.validation("Accept: '" + accept + "' is not a list of media types");
        }
    }

    static String gtin14(String parameter, String value) {
        try {
            return Gtin.of(value).value();
        } catch (IllegalArgumentException e) {
            throw ApiProblem.validation(parameter + ": '" + value + "' is not a GTIN: " + e.getMessage());
        }
    }
}
