package io.tracegate.gateway.query;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tokens the gateway hands out and takes back (page tokens): their fields, HMAC-SHA256-signed with a key generated at
 * the first start and kept in the database ({@code query_secret}), so that a client can neither forge nor alter one
 * and every gateway on the same database accepts the others' tokens.
 */
@Component
public class SignedTokens {

    private static final String KEY_NAME = "page-token";
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    SignedTokens(JdbcClient jdbc) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        // the first start's key wins, also when several gateways start together on one database
        jdbc.sql("insert into query_secret (name, secret) values (?, ?) on conflict (name) do nothing")
                .params(KEY_NAME, fresh).update();
        byte[] secret = jdbc.sql("select secret from query_secret where name = ?").param(KEY_NAME)
                .query(byte[].class).single();
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The fields (none containing '.') as one opaque, URL-safe token. */
    public String sign(List<String> fields) {
        String payload = BASE64.encodeToString(String.join(".", fields).getBytes(StandardCharsets.UTF_8));
        return payload + "." + BASE64.encodeToString(mac(payload));
    }

    /**
     * The fields of a token this gateway signed, or null when it did not sign it (malformed, altered or forged).
     */
    public List<String> verify(String token) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            return null;
        }
        String payload = token.substring(0, dot);
        try {
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(payload))) {
                return null;
            }
            return List.of(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)
                    .split("\\.", -1));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
