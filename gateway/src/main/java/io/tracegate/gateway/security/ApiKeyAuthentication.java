package io.tracegate.gateway.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by an API key. The key itself is not kept. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiPrincipal principal;

    ApiKeyAuthentication(ApiPrincipal principal) {
        super(principal.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList());
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public ApiPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return principal.name();
    }
}
