package io.tracegate.gateway.exchange;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gs1.Gln;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** The {@code exchange_partner} and {@code exchange_partner_certificate} tables. */
@Repository
class Partners {

    private static final String COLUMNS = "id, name, as2_id, url, transport, glns, signing, encryption, compression,"
            + " mdn_signed, mdn_async, mdn_url, document_form, async_mdn_hosts, interop, created_at, updated_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    /**
     * Certificates parsed, by their SHA-256: every message reads its partner's certificates, and parsing them is
     * most of that read. Keyed by content, the cache can never be stale; it holds the certificates in use.
     */
    private final Map<String, X509Certificate> parsed = new ConcurrentHashMap<>();

    Partners(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    long create(PartnerRequest.Settings settings) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        long id;
        try {
            id = jdbc.sql("insert into exchange_partner (name, as2_id, url, transport, glns, signing, encryption,"
                            + " compression, mdn_signed, mdn_async, mdn_url, document_form, async_mdn_hosts, interop,"
                            + " created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)"
                            + " returning id")
                    .params(concat(fields(settings), now, now)).query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw taken(settings.as2Id());
        }
        insertCertificates(id, settings.certificates());
        return id;
    }

    @Transactional
    void update(long id, PartnerRequest.Settings settings) {
        find(id).orElseThrow(() -> noSuchPartner(id));
        try {
            jdbc.sql("update exchange_partner set name = ?, as2_id = ?, url = ?, transport = ?, glns = ?, signing = ?,"
                            + " encryption = ?, compression = ?, mdn_signed = ?, mdn_async = ?, mdn_url = ?,"
                            + " document_form = ?, async_mdn_hosts = ?, interop = ?::jsonb, updated_at = ?"
                            + " where id = ? and removed_at is null")
                    .params(concat(fields(settings), OffsetDateTime.now(clock), id)).update();
        } catch (DuplicateKeyException e) {
            throw taken(settings.as2Id());
        }
        jdbc.sql("delete from exchange_partner_certificate where partner_id = ?").param(id).update();
        insertCertificates(id, settings.certificates());
    }

    /** Removes a partner from use; its messages stay listed. */
    void remove(long id) {
        if (jdbc.sql("update exchange_partner set removed_at = ? where id = ? and removed_at is null")
                .params(OffsetDateTime.now(clock), id).update() == 0) {
            throw noSuchPartner(id);
        }
    }

    Optional<Partner> find(long id) {
        return one("id = ?", id);
    }

    /** The id of the partner with this AS2 name; reads no certificate. */
    Optional<Long> idOf(String as2Id) {
        return jdbc.sql("select id from exchange_partner where removed_at is null and as2_id = ?").param(as2Id)
                .query(Long.class).optional();
    }

    /** The partner (not removed) with this GLN among its GLNs; the oldest, if several have it. */
    Optional<Partner> byGln(Gln gln) {
        return one("? = any(glns) order by id limit 1", gln.value());
    }

    /** The partner (not removed) with this AS2 name, compared case-sensitively. */
    Optional<Partner> byAs2Id(String as2Id) {
        return one("as2_id = ?", as2Id);
    }

    /** The partner one of whose certificates has this fingerprint. */
    Optional<Partner> byCertificate(String sha256) {
        return one("id in (select partner_id from exchange_partner_certificate where sha256 = ?)", sha256);
    }

    List<Partner> list() {
        List<Partner> partners = jdbc.sql("select " + COLUMNS + " from exchange_partner where removed_at is null"
                + " order by id").query((rs, n) -> partner(rs)).list();
        Map<Long, List<PartnerCertificate>> certificates = certificates(null);
        return partners.stream().map(p -> withCertificates(p, certificates.getOrDefault(p.id(), List.of())))
                .toList();
    }

    /** Every certificate of every partner, keyed by partner; or of one partner. */
    private Map<Long, List<PartnerCertificate>> certificates(Long partnerId) {
        Instant now = clock.instant();
        return jdbc.sql("select partner_id, sha256, pem from exchange_partner_certificate where (cast(? as bigint) is"
                        + " null or partner_id = ?) order by partner_id, not_after desc")
                .params(partnerId, partnerId)
                .query((rs, n) -> {
                    String pem = rs.getString(3);
                    return Map.entry(rs.getLong(1),
                            PartnerCertificate.of(parsed.computeIfAbsent(rs.getString(2), sha -> Pem.read(pem)), now));
                })
                .list().stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    private Optional<Partner> one(String condition, Object parameter) {
        return jdbc.sql("select " + COLUMNS + " from exchange_partner where removed_at is null and " + condition)
                .param(parameter).query((rs, n) -> partner(rs)).optional()
                .map(p -> withCertificates(p, certificates(p.id()).getOrDefault(p.id(), List.of())));
    }

    private void insertCertificates(long partnerId, List<X509Certificate> certificates) {
        for (X509Certificate certificate : certificates) {
            jdbc.sql("insert into exchange_partner_certificate (partner_id, sha256, pem, not_before, not_after)"
                            + " values (?, ?, ?, ?, ?) on conflict do nothing")
                    .params(partnerId, ExchangeIdentity.fingerprint(certificate), Pem.certificate(certificate),
                            OffsetDateTime.ofInstant(certificate.getNotBefore().toInstant(), ZoneOffset.UTC),
                            OffsetDateTime.ofInstant(certificate.getNotAfter().toInstant(), ZoneOffset.UTC))
                    .update();
        }
    }

    /** The settings in column order, name to interop. */
    private Object[] fields(PartnerRequest.Settings s) {
        return new Object[] {s.name(), s.as2Id(), s.url().toString(), s.transport(), s.glns().toArray(String[]::new),
                s.signing(), s.encryption(), s.compression(), s.mdn().signed(), s.mdn().async(),
                s.mdn().url() == null ? null : s.mdn().url().toString(), s.documentForm(),
                s.asyncMdnHosts().toArray(String[]::new), json.writeValueAsString(s.interop())};
    }

    /** A partner without its certificates, which {@link #withCertificates} adds. */
    private Partner partner(ResultSet rs) throws SQLException {
        String mdnUrl = rs.getString("mdn_url");
        return new Partner(rs.getLong("id"), rs.getString("name"), rs.getString("as2_id"),
                URI.create(rs.getString("url")), rs.getString("transport"), strings(rs.getArray("glns")),
                List.of(), rs.getString("signing"), rs.getString("encryption"), rs.getBoolean("compression"),
                new Partner.MdnOptions(rs.getBoolean("mdn_signed"), rs.getBoolean("mdn_async"),
                        mdnUrl == null ? null : URI.create(mdnUrl)),
                rs.getString("document_form"), strings(rs.getArray("async_mdn_hosts")),
                json.readValue(rs.getString("interop"), Partner.InteropSwitches.class),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static Partner withCertificates(Partner p, List<PartnerCertificate> certificates) {
        return new Partner(p.id(), p.name(), p.as2Id(), p.url(), p.transport(), p.glns(), certificates, p.signing(),
                p.encryption(), p.compression(), p.mdn(), p.documentForm(), p.asyncMdnHosts(), p.interop(),
                p.createdAt(), p.updatedAt());
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String.class::cast).toList();
    }

    private static Object[] concat(Object[] head, Object... tail) {
        Object[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private static ApiProblem taken(String as2Id) {
        return ApiProblem.alreadyExists("as2Id: a partner with the AS2 name '" + as2Id + "' already exists");
    }

    static ApiProblem noSuchPartner(long id) {
        return ApiProblem.noSuchResource("no partner " + id);
    }
}
