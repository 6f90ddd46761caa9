package io.tracegate.gateway.verify;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gs1.CheckDigit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lookup directory of the requester/router: which responder answers for a GTIN, by the GTIN itself or by its
 * GS1 company prefix; the longest match wins. Kept in the database, so every gateway instance routes alike.
 */
@Service
public class Directory {

    /** The CSV header; {@code docs/verify.md} describes the columns. */
    static final String CSV_HEADER = "gtin,companyPrefix,url,apiKey,timeoutMs";
    private static final String COLUMNS = "id, match, kind, url, api_key, timeout_ms, created_by, created_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    Directory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A directory entry as given: exactly one of {@code gtin} and {@code companyPrefix}.
     *
     * @param url       the responder's base URL, under which {@code /gtin/...} and {@code /checkConnectivity} are
     * @param apiKey    sent as {@code Authorization: Bearer}, or null
     * @param timeoutMs the longest wait for the responder's answer, or null for the default
     */
    public record Entry(String gtin, String companyPrefix, String url, String apiKey, Integer timeoutMs) {
    }

    /** A stored entry. {@code apiKey} is kept inside the gateway: {@link #list()} only says whether there is one. */
    public record Route(long id, String gtin, String companyPrefix, String url, String apiKey, Integer timeoutMs,
                        String createdBy, Instant createdAt) {
    }

    /** A route as listed: without its key. */
    public record ListedRoute(long id, String gtin, String companyPrefix, String url, boolean hasApiKey,
                              Integer timeoutMs, String createdBy, Instant createdAt) {
    }

    /** Adds an entry; an entry for the same GTIN or prefix is refused (409): delete it first. */
    public Route add(Entry entry, String by) {
        Entry checked = check(entry, "");
        try {
            return insert(checked, by);
        } catch (DuplicateKeyException e) {
            throw ApiProblem.alreadyExists("the directory already has an entry for " + describe(checked)
                    + ": delete it first (DELETE /vrs/directory/" + match(checked) + ")");
        }
    }

    public List<ListedRoute> list() {
        return jdbc.sql("select " + COLUMNS + " from vrs_route order by match").query(Directory::route).list()
                .stream().map(r -> new ListedRoute(r.id(), r.gtin(), r.companyPrefix(), r.url(), r.apiKey() != null,
                        r.timeoutMs(), r.createdBy(), r.createdAt())).toList();
    }

    /** Deletes the entry for this GTIN or company prefix. */
    public void delete(String match) {
        if (jdbc.sql("delete from vrs_route where match = ?").param(match).update() == 0) {
            throw ApiProblem.noSuchResource("the directory has no entry for '" + match + "'");
        }
    }

    /** The entry for this GTIN-14: its own, else that of its longest company prefix. */
    public Optional<Route> routeFor(String gtin) {
        // The company prefix follows the indicator digit: 4 to 12 digits in GS1 form.
        String[] candidates = new String[10];
        candidates[0] = gtin;
        for (int length = 4; length <= 12; length++) {
            candidates[length - 3] = gtin.substring(1, 1 + length);
        }
        return jdbc.sql("select " + COLUMNS + " from vrs_route where match = any(?)"
                        + " order by kind = 'gtin' desc, length(match) desc limit 1")
                .param(candidates).query(Directory::route).optional();
    }

    /**
     * Loads CSV rows (a header line {@value #CSV_HEADER}, then one entry per line; {@code #} starts a comment line),
     * each replacing the entry for its GTIN or prefix, all in one transaction: a bad row is a 400 naming its line and
     * column, and nothing is loaded.
     *
     * @return the number of entries loaded
     */
    @Transactional
    public int load(Reader csv, String by) throws IOException {
        BufferedReader lines = new BufferedReader(csv);
        String header = lines.readLine();
        if (header == null || !header.strip().equals(CSV_HEADER)) {
            throw ApiProblem.validation("line 1: the header must be '" + CSV_HEADER + "', got '" + header + "'");
        }
        List<Entry> entries = new ArrayList<>();
        int number = 1;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = Arrays.stream(line.split(",", -1)).map(String::strip).toArray(String[]::new);
            if (cells.length != 5) {
                throw ApiProblem.validation("line " + number + ": " + cells.length + " columns, expected 5 ("
                        + CSV_HEADER + "); values cannot contain commas");
            }
            Integer timeout;
            try {
                timeout = cells[4].isEmpty() ? null : Integer.valueOf(cells[4]);
            } catch (NumberFormatException e) {
                throw ApiProblem.validation("line " + number + ", timeoutMs: '" + cells[4] + "' is not a number");
            }
            entries.add(check(new Entry(blank(cells[0]), blank(cells[1]), cells[2], blank(cells[3]), timeout),
                    "line " + number + ", "));
        }
        for (Entry entry : entries) {
            jdbc.sql("delete from vrs_route where match = ?").param(match(entry)).update();
            insert(entry, by);
        }
        return entries.size();
    }

    private Route insert(Entry entry, String by) {
        Instant now = clock.instant();
        long id = jdbc.sql("insert into vrs_route (match, kind, url, api_key, timeout_ms, created_by, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?) returning id")
                .params(match(entry), entry.gtin() != null ? "gtin" : "companyPrefix", entry.url(), entry.apiKey(),
                        entry.timeoutMs(), by, Timestamp.from(now))
                .query(Long.class).single();
        return new Route(id, entry.gtin(), entry.companyPrefix(), entry.url(), entry.apiKey(), entry.timeoutMs(), by,
                now);
    }

    /** Checks an entry; {@code where} prefixes the error (a CSV line). The URL loses a trailing slash. */
    private static Entry check(Entry entry, String where) {
        if ((entry.gtin() == null) == (entry.companyPrefix() == null)) {
            throw ApiProblem.validation(where + "give exactly one of gtin and companyPrefix");
        }
        if (entry.gtin() != null && !entry.gtin().matches("[0-9]{14}")) {
            throw ApiProblem.validation(where + "gtin: '" + entry.gtin() + "' is not a GTIN-14 (14 digits)");
        }
        if (entry.gtin() != null && !CheckDigit.isValid(entry.gtin())) {
            throw ApiProblem.validation(where + "gtin: '" + entry.gtin() + "' has a wrong check digit");
        }
        if (entry.companyPrefix() != null && !entry.companyPrefix().matches("[0-9]{4,12}")) {
            throw ApiProblem.validation(where + "companyPrefix: '" + entry.companyPrefix()
                    + "' is not a GS1 company prefix (4 to 12 digits; a U.P.C. prefix with its leading 0)");
        }
        if (entry.timeoutMs() != null && (entry.timeoutMs() < 1 || entry.timeoutMs() > 600_000)) {
            throw ApiProblem.validation(where + "timeoutMs: " + entry.timeoutMs() + " is not between 1 and 600000");
        }
        String url = entry.url();
        try {
            URI uri = new URI(url == null ? "" : url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new URISyntaxException(String.valueOf(url), "not an http(s) URL with a host and no query");
            }
        } catch (URISyntaxException e) {
            throw ApiProblem.validation(where + "url: '" + url + "' is not the base URL of a responder ("
                    + "http(s)://host[:port]/path, no query): " + e.getMessage());
        }
        if (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return new Entry(entry.gtin(), entry.companyPrefix(), url, blank(entry.apiKey()), entry.timeoutMs());
    }

    private static String match(Entry entry) {
        return entry.gtin() != null ? entry.gtin() : entry.companyPrefix();
    }

    private static String describe(Entry entry) {
        return entry.gtin() != null ? "GTIN " + entry.gtin() : "company prefix " + entry.companyPrefix();
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Route route(ResultSet rs, int row) throws SQLException {
        boolean gtin = "gtin".equals(rs.getString("kind"));
        return new Route(rs.getLong("id"), gtin ? rs.getString("match") : null, gtin ? null : rs.getString("match"),
                rs.getString("url"), rs.getString("api_key"), rs.getObject("timeout_ms", Integer.class),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }
}
