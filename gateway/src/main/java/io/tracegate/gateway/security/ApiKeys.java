package io.tracegate.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tracegate.gateway.compliance.AuditTrail;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gtin;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The API key store. A key is {@code tg_} followed by 256 random bits (base64url); only its SHA-256 is stored.
 * A slow password hash (bcrypt, Argon2) protects low-entropy human passwords against guessing after a database leak;
 * a 256-bit random key cannot be guessed whatever the hash speed, so SHA-256 is as safe here and lets every request
 * find its key with one indexed look-up instead of a deliberately slow computation.
 *
 * <p>Authenticated keys are remembered for {@link #REMEMBERED} (by hash, never the key itself), so that a busy
 * client (a VRS requestor sending thousands of verifications a second) costs no SQL query per request. A revoked key
 * is forgotten at once by the instance that revoked it, and stops working on every other instance sharing the
 * database within {@link #REMEMBERED}. Unknown keys are not remembered.
 */
@Service
public class ApiKeys {

    /** Shortest key accepted from outside ({@code TRACEGATE_ADMIN_KEY}): the fast hash relies on high entropy. */
    public static final int MIN_KEY_LENGTH = 32;
    private static final String PREFIX = "tg_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How long an authenticated key is used without asking the database again: the bound on revocation. */
    public static final Duration REMEMBERED = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditTrail audit;
    /** Revocations committed: an authentication that overlapped one does not keep what it remembered. */
    private final AtomicLong revocations = new AtomicLong();
    private final Cache<String, ApiPrincipal> authenticated = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(REMEMBERED).build();

    public ApiKeys(JdbcClient jdbc, Clock clock, AuditTrail audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    /** A key listed without its secret. */
    public record ApiKeyInfo(String name, Set<Role> roles, List<String> gtins, List<String> glns,
                             @JsonProperty("import") boolean mayImport, Instant createdAt) {
    }

    /** Creates a key with a new random secret and returns the secret: it is shown once and never stored. */
    @Transactional
    public String create(ApiPrincipal grant) {
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        store(grant, secret);
        return secret;
    }

    /**
     * Creates a key whose secret was chosen outside (the bootstrap admin key). The fast hash relies on the key being
     * impossible to guess: a short or predictable one is refused (see {@link KeyStrength}).
     */
    @Transactional
    public void create(ApiPrincipal grant, String secret) {
        KeyStrength.weakness(secret).ifPresent(why -> {
            throw new IllegalArgumentException(why + ". Use a generated key, e.g. the output of 'openssl rand"
                    + " -base64 32', or none: the gateway then generates one and logs it once");
        });
        store(grant, secret);
    }

    /** The principal of an active key, or empty when the key is unknown or revoked. */
    public Optional<ApiPrincipal> authenticate(String secret) {
        byte[] hash = hash(secret);
        String remembered = HexFormat.of().formatHex(hash);
        ApiPrincipal known = authenticated.getIfPresent(remembered);
        if (known != null) {
            return Optional.of(known);
        }
        long revocationsBefore = revocations.get();
        Optional<ApiPrincipal> principal = jdbc.sql("select id, name, roles, gtins, glns, may_import from api_key"
                        + " where key_hash = ? and revoked_at is null")
                .param(hash)
                .query((rs, row) -> new ApiPrincipal(rs.getLong("id"), rs.getString("name"),
                        array(rs, "roles", Role::valueOf), array(rs, "gtins", Gtin::new), array(rs, "glns", Gln::new),
                        rs.getBoolean("may_import")))
                .optional();
        principal.ifPresent(p -> {
            authenticated.put(remembered, p);
            // a revocation committed since the query began may have found nothing to forget: forget it here
            if (revocations.get() != revocationsBefore) {
                authenticated.invalidate(remembered);
            }
        });
        return principal;
    }

    /**
     * The principal of a key authenticated within {@link #REMEMBERED} and not revoked here since, without asking the
     * database: empty when it is not remembered (unknown, revoked, or not asked about lately).
     */
    Optional<ApiPrincipal> remembered(String secret) {
        return Optional.ofNullable(authenticated.getIfPresent(HexFormat.of().formatHex(hash(secret))));
    }

    public List<ApiKeyInfo> list() {
        return jdbc.sql("select name, roles, gtins, glns, may_import, created_at from api_key where revoked_at is null"
                        + " order by name")
                .query((rs, row) -> new ApiKeyInfo(rs.getString("name"), array(rs, "roles", Role::valueOf),
                        List.copyOf(array(rs, "gtins", Function.identity())),
                        List.copyOf(array(rs, "glns", Function.identity())), rs.getBoolean("may_import"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    public boolean hasActiveKeyWithRole(Role role) {
        return jdbc.sql("select exists (select 1 from api_key where revoked_at is null and ? = any(roles))")
                .param(role.name())
                .query(Boolean.class)
                .single();
    }

    /** Revokes the active key of that name at once. The last ADMIN key cannot be revoked (nobody could manage keys). */
    @Transactional
    public void revoke(String name) {
        // Lock the admin keys so that two concurrent revocations cannot both remove "the other" admin.
        List<String> admins = jdbc.sql("select name from api_key where revoked_at is null and 'ADMIN' = any(roles) "
                        + "for update")
                .query(String.class)
                .list();
        if (admins.equals(List.of(name))) {
            throw ApiProblem.validation("'" + name + "' is the last ADMIN key and cannot be revoked: "
                    + "create another ADMIN key first");
        }
        int revoked = jdbc.sql("update api_key set revoked_at = ? where name = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), name)
                .update();
        if (revoked == 0) {
            throw ApiProblem.noSuchResource("no active API key named '" + name + "'");
        }
        audit.record(actor(), "key.revoked", List.of("key:" + name), null);
        // forgotten once the revocation is committed: before, a concurrent authentication still reads the key as
        // active and would remember it again (authenticate checks the count after remembering)
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                revocations.incrementAndGet();
                authenticated.asMap().values().removeIf(principal -> principal.name().equals(name));
            }
        });
    }

    private void store(ApiPrincipal grant, String secret) {
        try {
            jdbc.sql("insert into api_key (name, key_hash, roles, gtins, glns, may_import, created_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?)")
                    .params(grant.name(), hash(secret), names(grant.roles(), Role::name),
                            names(grant.gtins(), Gtin::value), names(grant.glns(), Gln::value), grant.mayImport(),
                            Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw ApiProblem.alreadyExists("an active API key named '" + grant.name()
                    + "' already exists: revoke it first or choose another name");
        }
        // the payload: what the key may do (never its secret)
        audit.record(actor(), "key.created", List.of("key:" + grant.name()), AuditTrail.sha256("name=" + grant.name()
                + "\nroles=" + String.join(",", names(grant.roles(), Role::name))
                + "\ngtins=" + String.join(",", names(grant.gtins(), Gtin::value))
                + "\nglns=" + String.join(",", names(grant.glns(), Gln::value)) + "\nimport=" + grant.mayImport()));
    }

    /** The key acting in this request, or {@link AuditTrail#SYSTEM} (the first start, the key command). */
    private static String actor() {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        return current != null && current.getPrincipal() instanceof ApiPrincipal caller ? caller.name()
                : AuditTrail.SYSTEM;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static <T> String[] names(Set<T> values, Function<T, String> name) {
        return values.stream().map(name).sorted().toArray(String[]::new);
    }

    private static <T> Set<T> array(ResultSet rs, String column, Function<String, T> parse) throws SQLException {
        Array array = rs.getArray(column);
        return Arrays.stream((String[]) array.getArray()).map(parse)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
