package io.tracegate.gateway.web;

import io.tracegate.gateway.compliance.Exports;
import io.tracegate.gateway.compliance.Investigations;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.query.ComplianceReports;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /reports/dashboard?days=30}: the console's first page (COMPLIANCE, ADMIN). */
@RestController
class DashboardController {

    private final ComplianceReports reports;
    private final Investigations investigations;
    private final Exports exports;

    DashboardController(ComplianceReports reports, Investigations investigations, Exports exports) {
        this.reports = reports;
        this.investigations = investigations;
        this.exports = exports;
    }

    /** Activity of the last days, and what is open. */
    record Dashboard(int days, ComplianceReports.Activity activity, long openInvestigations, long exportsRunning) {
    }

    @GetMapping("/reports/dashboard")
    Dashboard dashboard(@RequestParam(defaultValue = "30") int days) {
        if (days < 1 || days > 366) {
            throw ApiProblem.validation("days: 1 to 366, not " + days);
        }
        return new Dashboard(days, reports.activity(days), investigations.list("open", 1000).size(),
                exports.latest(100).stream().filter(job -> job.status().equals("running")).count());
    }
}
