package io.tracegate.gateway.web;

import io.tracegate.gateway.security.ApiPrincipal;
import io.tracegate.gateway.security.Role;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /me}: who the key is, for the console's header (any valid key). */
@RestController
class ConsoleController {

    /** The key's name, roles and GLN limits, without its secret. */
    record Me(String name, List<String> roles, List<String> glns) {
    }

    @GetMapping("/me")
    Me me(@AuthenticationPrincipal ApiPrincipal caller) {
        return new Me(caller.name(), caller.roles().stream().map(Role::name).sorted().toList(),
                caller.glns().stream().map(Object::toString).sorted().toList());
    }
}
