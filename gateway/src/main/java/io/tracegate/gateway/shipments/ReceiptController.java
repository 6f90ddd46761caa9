package io.tracegate.gateway.shipments;

import io.tracegate.gateway.capture.Identifiers;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.query.Pages;
import io.tracegate.gateway.security.ApiPrincipal;
import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.GcpLengthResolver;
import io.tracegate.gs1.epc.Sgtin;
import io.tracegate.gs1.epc.SsccEpc;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Expected receipts: {@code GET /receipts[?status=expected&capture=JOB]}, {@code GET /receipts/{id}} (with its exceptions),
 * {@code GET /receipts/{id}/items} and {@code POST /receipts/{id}/scans}, the physical receiving by scanner.
 */
@RestController
class ReceiptController {

    private static final Set<String> STATUSES = Set.of("expected", "matched", "mismatched");

    private final Receipts receipts;
    private final Pages pages;
    private final Gs1Parser parser = new Gs1Parser();
    private final GcpLengthResolver prefixes = GcpLengthResolver.standard();

    ReceiptController(Receipts receipts, Pages pages) {
        this.receipts = receipts;
        this.pages = pages;
    }

    /**
     * One unit or container scanned: {@code epc} as an EPC URN, a GS1 Digital Link or the label's element string
     * (bracketed, {@code ^} or scan data: its lot and expiry are compared with the document's); {@code parent} the
     * container it was found in (any of those forms), when the scanner says; {@code lot} and {@code expiry}
     * (YYYY-MM-DD) as read from the label, when not in {@code epc}.
     */
    record Scan(String epc, String parent, String lot, String expiry) {
    }

    /** Scans; {@code complete} (default true): the receiving is done, reconcile it now. */
    record Scans(List<Scan> scans, Boolean complete) {
    }

    @GetMapping("/receipts")
    ResponseEntity<List<Receipts.Receipt>> list(HttpServletRequest request) {
        Pages.Page page = pages.request(request, "receipts", List.of("status", "capture"));
        String status = Ids.oneOf(request, "status", STATUSES);
        Pages.Result<Receipts.Receipt> result = pages.result(request, page, receipts.list(status,
                Ids.number(request, "capture"), Ids.after(page), page.perPage() + 1),
                r -> String.valueOf(r.id()));
        return ResponseEntity.ok().headers(result.headers()).body(result.items());
    }

    @GetMapping("/receipts/{id}")
    Receipts.Receipt receipt(@PathVariable String id) {
        return receipts.find(Ids.parse("receipt", id));
    }

    @GetMapping("/receipts/{id}/items")
    ResponseEntity<List<Receipts.ReceiptItem>> items(@PathVariable String id, HttpServletRequest request) {
        long receipt = Ids.parse("receipt", id);
        Pages.Page page = pages.request(request, "receipts/" + receipt + "/items", List.of());
        List<Receipts.ReceiptItem> items = receipts.items(receipt, page.after(), page.perPage() + 1);
        Pages.Result<Receipts.ReceiptItem> result = pages.result(request, page, items, ReceiptController::keyOf);
        return ResponseEntity.ok().headers(result.headers()).body(result.items());
    }

    private static String keyOf(Receipts.ReceiptItem item) {
        return Identifiers.key(item.epc());
    }

    @PostMapping("/receipts/{id}/scans")
    Receipts.Receipt scans(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @RequestBody Scans body) {
        long receipt = Ids.parse("receipt", id);
        if (body.scans() == null || body.scans().isEmpty()) {
            throw ApiProblem.validation("scans: give at least one scan ({\"epc\": ...})");
        }
        List<Reconciliation.Received> received = new ArrayList<>();
        for (int i = 0; i < body.scans().size(); i++) {
            received.add(received(body.scans().get(i), "scans[" + i + "]"));
        }
        return receipts.scan(receipt, received, body.complete() == null || body.complete(), caller.name());
    }

    private Reconciliation.Received received(Scan scan, String at) {
        if (scan == null || scan.epc() == null || scan.epc().isBlank()) {
            throw ApiProblem.validation(at + ".epc: missing");
        }
        Code code = code(scan.epc().strip(), at + ".epc");
        String parent = scan.parent() == null || scan.parent().isBlank() ? null
                : code(scan.parent().strip(), at + ".parent").epc().toDigitalLink();
        String lot = scan.lot() != null ? scan.lot() : code.lot();
        LocalDate expiry = code.expiry();
        if (scan.expiry() != null) {
            try {
                expiry = LocalDate.parse(scan.expiry());
            } catch (DateTimeParseException e) {
                throw ApiProblem.validation(at + ".expiry: '" + scan.expiry() + "' is not a date (YYYY-MM-DD)");
            }
        }
        return new Reconciliation.Received(code.epc().toDigitalLink(), code.written(), parent, lot, expiry);
    }

    /** A scanned unit or container: its EPC, as written for people, and the lot and expiry its label carries. */
    private record Code(Epc epc, String written, String lot, LocalDate expiry) {
    }

    private Code code(String text, String at) {
        try {
            if (text.startsWith("urn:")) {
                return unitOrContainer(Epc.parse(text), text, null, null, at);
            }
            ElementString label = text.startsWith("http") ? parser.parseDigitalLink(text)
                    : text.startsWith("(") ? parser.parseBracketed(text)
                    : text.startsWith("^") ? parser.parseUnbracketed(text)
                    : parser.parseScanData(text);
            Epc epc = Epc.fromElementString(label);
            return unitOrContainer(epc, text.startsWith("http") ? text : epc.toUrn(prefixes), label.lot(),
                    label.expiry() == null ? null : label.expiry().date(), at);
        } catch (Gs1Exception e) {
            throw ApiProblem.validation(at + ": '" + text + "' is not an EPC URN, GS1 Digital Link or GS1 element"
                    + " string: " + e.getMessage());
        }
    }

    private static Code unitOrContainer(Epc epc, String written, String lot, LocalDate expiry, String at) {
        if (!(epc instanceof Sgtin) && !(epc instanceof SsccEpc)) {
            throw ApiProblem.validation(at + ": '" + written + "' is not a serialised unit (SGTIN) or container"
                    + " (SSCC)");
        }
        return new Code(epc, written, lot, expiry);
    }
}
