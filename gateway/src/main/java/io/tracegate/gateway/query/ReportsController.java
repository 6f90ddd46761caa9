package io.tracegate.gateway.query;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gs1.Gtin;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
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
    private final JsonMapper json;

    ReportsController(RecallReport recall, JsonMapper json) {
        this.recall = recall;
        this.json = json;
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
                g.writeStringProperty("gtin", r.gtin());
                g.writeStringProperty("expiry", r.expiry());
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
