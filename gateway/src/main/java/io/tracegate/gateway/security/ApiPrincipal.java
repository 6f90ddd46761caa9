package io.tracegate.gateway.security;

import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gtin;
import java.util.Set;

/**
 * The caller behind an API key: its name, roles and optional limits. Controllers receive it with
 * {@code @AuthenticationPrincipal ApiPrincipal caller}. An empty limit set means "no limit": a line's key limited to
 * its GTINs or its site's GLN is refused anything else by the code that handles those identifiers.
 *
 * @param keyId     the stored key's id: what the caller's own things (capture jobs) belong to, as a name may be
 *                  given to a new key once its key is revoked; {@value #NOT_STORED} for a grant whose key is not
 *                  stored yet
 * @param name      the key's name, for logs and audit
 * @param gtins     the only products this key may act on, or empty for any
 * @param glns      the only locations (sites) this key may act at, or empty for any
 * @param mayImport whether the key may import history ({@code Tracegate-Lifecycle: observe}) without being ADMIN
 */
public record ApiPrincipal(long keyId, String name, Set<Role> roles, Set<Gtin> gtins, Set<Gln> glns,
                           boolean mayImport) {

    public static final long NOT_STORED = 0;

    public ApiPrincipal {
        roles = Set.copyOf(roles);
        gtins = Set.copyOf(gtins);
        glns = Set.copyOf(glns);
    }

    /** A grant: what a key about to be created may do. */
    public ApiPrincipal(String name, Set<Role> roles, Set<Gtin> gtins, Set<Gln> glns, boolean mayImport) {
        this(NOT_STORED, name, roles, gtins, glns, mayImport);
    }

    /** A grant of a key that may not import history unless it is ADMIN. */
    public ApiPrincipal(String name, Set<Role> roles, Set<Gtin> gtins, Set<Gln> glns) {
        this(name, roles, gtins, glns, false);
    }

    /** Whether the key may capture with {@code Tracegate-Lifecycle: observe}. */
    public boolean mayImportHistory() {
        return mayImport || hasRole(Role.ADMIN);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean mayUseGtin(Gtin gtin) {
        return gtins.isEmpty() || gtins.contains(gtin);
    }

    public boolean mayUseGln(Gln gln) {
        return glns.isEmpty() || glns.contains(gln);
    }
}
