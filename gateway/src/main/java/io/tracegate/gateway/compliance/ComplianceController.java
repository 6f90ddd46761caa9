package io.tracegate.gateway.compliance;

import io.tracegate.gateway.compliance.Recalls.Recall;
import io.tracegate.gateway.compliance.UnitMarks.Mark;
import io.tracegate.gateway.compliance.UnitMarks.UnitMark;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.security.ApiPrincipal;
import io.tracegate.gs1.AiElement;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.Gtin;
import io.tracegate.gs1.ParseOptions;
import io.tracegate.gs1.epc.Epc;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST/GET /recalls} and {@code POST/GET /units/{epc}/marks} (COMPLIANCE, see the security rules). */
@RestController
class ComplianceController {

    /** Longest reason or note kept: a sentence or a reference, not a document. */
    static final int MAX_TEXT = 2000;

    private final Recalls recalls;
    private final UnitMarks marks;
    private final Gs1Parser parser;

    ComplianceController(Recalls recalls, UnitMarks marks, Clock clock) {
        this.recalls = recalls;
        this.marks = marks;
        this.parser = new Gs1Parser(ParseOptions.defaults().withClock(clock));
    }

    record NewRecall(String gtin, String lot, String reason) {
    }

    record NewMark(String mark, String note) {
    }

    /** A unit's marks and its standing ({@code none} when unmarked or cleared). */
    record Marks(String epc, String standing, List<UnitMark> marks) {
    }

    @PostMapping("/recalls")
    ResponseEntity<Recall> recall(@AuthenticationPrincipal ApiPrincipal caller, @RequestBody NewRecall body) {
        Gtin gtin = gtin(body.gtin());
        if (body.lot() == null || body.lot().isEmpty()) {
            throw ApiProblem.validation("lot: required");
        }
        try {
            parser.validate(List.of(new AiElement("01", gtin.value()), new AiElement("10", body.lot())));
        } catch (Gs1Exception e) {
            throw ApiProblem.validation("lot: '" + body.lot() + "' is not a GS1 lot number (AI 10: at most 20"
                    + " characters of CSET 82): " + e.getMessage());
        }
        Recall recall = recalls.recall(gtin, body.lot(), text("reason", body.reason(), true), caller.name());
        return ResponseEntity.created(URI.create("/recalls/" + recall.id())).body(recall);
    }

    @GetMapping("/recalls")
    List<Recall> recalls() {
        return recalls.list();
    }

    @PostMapping("/units/{epc}/marks")
    ResponseEntity<UnitMark> mark(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String epc,
            @RequestBody NewMark body) {
        String key = key(epc);
        Mark mark;
        try {
            mark = Mark.parse(body.mark());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.validation("mark: " + e.getMessage());
        }
        UnitMark recorded = marks.mark(key, epc, mark, text("note", body.note(), false), caller.name());
        return ResponseEntity.status(201).body(recorded);
    }

    @GetMapping("/units/{epc}/marks")
    Marks marks(@PathVariable String epc) {
        String key = key(epc);
        return new Marks(epc, marks.standing(key).map(Mark::word).orElse("none"), marks.history(key));
    }

    private static Gtin gtin(String text) {
        try {
            return Gtin.of(text);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.validation("gtin: " + e.getMessage());
        }
    }

    private static String key(String epc) {
        try {
            return Epc.parse(epc).toDigitalLink();
        } catch (Gs1Exception e) {
            throw ApiProblem.validation("'" + epc + "' is not an EPC URN or GS1 Digital Link: " + e.getMessage());
        }
    }

    private static String text(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ApiProblem.validation(field + ": required");
            }
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw ApiProblem.validation(field + ": at most " + MAX_TEXT + " characters, got " + value.length());
        }
        return value.strip();
    }
}
