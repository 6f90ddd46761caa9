package io.tracegate.gateway.security;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's login with an API key: {@code GET /console/session} (who is logged in, and the CSRF token the page
 * sends with every change), {@code POST /console/login} {@code {"key":..}}, {@code POST /console/logout}. The key
 * stays on the server, in the session; the browser gets an HttpOnly, SameSite=Strict session cookie.
 */
@RestController
class ConsoleLoginController {

    private final ApiKeys apiKeys;

    ConsoleLoginController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    /** The session: the key's name and roles when logged in, and the CSRF header and token to send. */
    record Session(boolean loggedIn, String name, List<String> roles, String csrfHeader, String csrfToken) {
    }

    @GetMapping("/console/session")
    Session session(@AuthenticationPrincipal ApiPrincipal caller, CsrfToken csrf) {
        return new Session(caller != null, caller == null ? null : caller.name(), caller == null ? List.of()
                : caller.roles().stream().map(Role::name).sorted().toList(), csrf.getHeaderName(), csrf.getToken());
    }

    record Login(String key) {
    }

    @PostMapping("/console/login")
    Session login(@RequestBody Login login, HttpServletRequest request, CsrfToken csrf) {
        ApiPrincipal principal = login.key() == null ? null : apiKeys.authenticate(login.key().strip()).orElse(null);
        if (principal == null) {
            throw new ApiProblem(EpcisProblemType.SECURITY, HttpStatus.UNAUTHORIZED,
                    "the API key is unknown or revoked");
        }
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate(); // a new session for the new login: a session id seen before cannot ride on it
        }
        request.getSession(true).setAttribute(ConsoleSessionFilter.KEY, login.key().strip());
        return new Session(true, principal.name(), principal.roles().stream().map(Role::name).sorted().toList(),
                csrf.getHeaderName(), csrf.getToken());
    }

    @PostMapping("/console/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
