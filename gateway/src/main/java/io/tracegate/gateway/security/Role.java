package io.tracegate.gateway.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an API key may do. Spring Security sees each as the authority {@code ROLE_<name>}. */
public enum Role {
    /** a packaging line: captures events */
    LINE,
    /** a trading partner: exchanges shipment documents */
    PARTNER,
    /** a pharmacist or returns clerk: verifies units */
    PHARMACIST,
    /** a compliance officer: queries, traces, exports, metrics */
    COMPLIANCE,
    /** manages API keys and everything else */
    ADMIN;

    /** Case-insensitive; the error names the known roles. */
    public static Role parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown role '" + text + "' (roles are "
                    + Arrays.stream(values()).map(Role::name).collect(Collectors.joining(", ")) + ")");
        }
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
