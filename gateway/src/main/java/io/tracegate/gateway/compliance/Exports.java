package io.tracegate.gateway.compliance;

import io.tracegate.gateway.config.DaemonThreads;
import io.tracegate.gateway.config.TracegateProperties;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.query.SelectionQuery;
import io.tracegate.gs1.Gtin;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Export bundles: a request is checked and its selection resolved at once (a selection that finds nothing is
 * refused then), then the bundle is made by one background worker into {@code <data-dir>/exports/<id>.zip}, its
 * progress counted in units written. A made bundle is audited with the SHA-256 of the zip. Jobs a stopped gateway
 * left running are marked failed at the next start.
 */
@Service
public class Exports {

    private static final Logger log = LoggerFactory.getLogger(Exports.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    /** The request shapes, each a set of field names. */
    private static final List<Set<String>> SHAPES = List.of(Set.of("gtin", "lot"), Set.of("lot"), Set.of("epc"),
            Set.of("shipment"), Set.of("partner"), Set.of("from", "to"));

    private final JdbcClient jdbc;
    private final SelectionQuery selections;
    private final ExportBuilder builder;
    private final AuditTrail audit;
    private final TransactionTemplate readOnly;
    private final JsonMapper json;
    private final Clock clock;
    private final Path dir;
    private final int kept;
    private final Map<Long, AtomicLong> progress = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(DaemonThreads.named("export"));

    Exports(JdbcClient jdbc, SelectionQuery selections, ExportBuilder builder, AuditTrail audit,
            PlatformTransactionManager transactions, JsonMapper json, Clock clock, TracegateProperties tracegate,
            ComplianceProperties properties) {
        this.jdbc = jdbc;
        this.selections = selections;
        this.builder = builder;
        this.audit = audit;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.json = json;
        this.clock = clock;
        this.dir = tracegate.dataDir().resolve("exports");
        this.kept = properties.exportsKept();
        int interrupted = jdbc.sql("update export_job set status = 'failed', finished_at = ?, error = ?"
                        + " where status = 'running'")
                .params(OffsetDateTime.now(clock), "the gateway stopped while this bundle was being made: request"
                        + " it again").update();
        if (interrupted > 0) {
            log.warn("{} export(s) interrupted by the previous stop were marked failed", interrupted);
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** Checks the request, resolves its selection and starts making the bundle. */
    public ExportJob request(String actor, Map<String, Object> request) {
        SelectionQuery.Selection selection = selection(request);
        SelectionQuery.Resolved resolved = readOnly.execute(status -> selections.resolve(selection));
        long id = jdbc.sql("insert into export_job (requested_by, requested_at, selection, status)"
                        + " values (?, ?, ?::jsonb, 'running') returning id")
                .params(actor, OffsetDateTime.now(clock), json.writeValueAsString(request)).query(Long.class)
                .single();
        progress.put(id, new AtomicLong());
        worker.execute(() -> make(id, actor, request, resolved));
        return find(id).orElseThrow();
    }

    private void make(long id, String actor, Map<String, Object> request, SelectionQuery.Resolved resolved) {
        Path part = dir.resolve(id + ".zip.part");
        try {
            Files.createDirectories(dir);
            long total = readOnly.execute(status -> selections.unitCount(resolved));
            jdbc.sql("update export_job set units_total = ? where id = ?").params(total, id).update();
            List<String> objects = readOnly.execute(status -> {
                try {
                    return builder.build(id, request, resolved, part, progress.get(id));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Path bundle = bundlePath(id);
            Files.move(part, bundle, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            String sha256 = sha256(bundle);
            List<String> audited = new ArrayList<>();
            audited.add("export:" + id);
            audited.addAll(objects);
            audit.recorded(actor, "export.made", audited, sha256, () -> jdbc.sql("update export_job set status ="
                            + " 'done', finished_at = ?, units_done = ?, bundle_sha256 = ?, bundle_bytes = ?"
                            + " where id = ?")
                    .params(OffsetDateTime.now(clock), progress.get(id).get(), sha256, size(bundle), id).update());
            removeOld();
        } catch (RuntimeException | IOException e) {
            String incident = UUID.randomUUID().toString();
            log.error("Export {} failed, incident {}", id, incident, e);
            jdbc.sql("update export_job set status = 'failed', finished_at = ?, error = ? where id = ?")
                    .params(OffsetDateTime.now(clock), "the bundle could not be made: incident " + incident
                            + " (see the gateway log)", id).update();
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // a stray part file is harmless: the next export of this id cannot happen
            }
        } finally {
            progress.remove(id);
        }
    }

    /** Deletes the bundles of all but the latest {@code tracegate.compliance.exports-kept} finished exports. */
    private void removeOld() throws IOException {
        for (Long old : jdbc.sql("select id from export_job where status = 'done' order by id desc offset ?")
                .param(kept).query(Long.class).list()) {
            Files.deleteIfExists(bundlePath(old));
        }
    }

    public Optional<ExportJob> find(long id) {
        return jdbc.sql("select * from export_job where id = ?").param(id).query((rs, n) -> job(rs)).optional();
    }

    public List<ExportJob> latest(int limit) {
        return jdbc.sql("select * from export_job order by id desc limit ?").param(limit).query((rs, n) -> job(rs))
                .list();
    }

    /** The bundle of a finished export, if it is still kept. */
    public Optional<Path> bundle(long id) {
        Path bundle = bundlePath(id);
        return Files.exists(bundle) ? Optional.of(bundle) : Optional.empty();
    }

    private Path bundlePath(long id) {
        return dir.resolve(id + ".zip");
    }

    private ExportJob job(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        String status = rs.getString("status");
        Long total = rs.getObject("units_total", Long.class);
        AtomicLong running = progress.get(id);
        long done = running != null ? running.get() : rs.getLong("units_done");
        double share = status.equals("done") ? 1 : total == null || total == 0 ? 0 : Math.min(1.0, (double) done
                / total);
        return new ExportJob(id, status, share, done, total, json.readValue(rs.getString("selection"), MAP),
                rs.getString("requested_by"), rs.getObject("requested_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class), rs.getString("error"),
                status.equals("done") ? "/exports/" + id + "/bundle" : null, rs.getString("bundle_sha256"),
                rs.getObject("bundle_bytes", Long.class));
    }

    /** The selection a request asks for, or a 400 saying what is wrong with it. */
    static SelectionQuery.Selection selection(Map<String, Object> request) {
        if (request == null || !SHAPES.contains(request.keySet())) {
            throw ApiProblem.validation("give one of {\"gtin\":..,\"lot\":..}, {\"epc\":..}, {\"shipment\":..},"
                    + " {\"partner\":..}, {\"from\":..,\"to\":..}; got the fields "
                    + (request == null ? "none" : request.keySet()));
        }
        Map<String, String> text = new LinkedHashMap<>();
        request.forEach((name, value) -> {
            if (!(value instanceof String s) || s.isBlank()) {
                throw ApiProblem.validation(name + ": a non-empty string is required");
            }
            text.put(name, s);
        });
        String gtin = text.get("gtin");
        if (gtin != null) {
            try {
                gtin = Gtin.of(gtin).value();
            } catch (IllegalArgumentException e) {
                throw ApiProblem.validation("gtin: '" + gtin + "' is not a GTIN: " + e.getMessage());
            }
        }
        Instant from = AuditController.instant("from", text.get("from"));
        Instant to = AuditController.instant("to", text.get("to"));
        if (from != null && !from.isBefore(to)) {
            throw ApiProblem.validation("from must be before to: " + from + " is not before " + to);
        }
        return new SelectionQuery.Selection(gtin, text.get("lot"), text.get("epc"), text.get("shipment"),
                text.get("partner"), from, to);
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = ExportBuilder.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
