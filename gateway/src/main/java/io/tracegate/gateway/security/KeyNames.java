package io.tracegate.gateway.security;

import io.tracegate.gateway.problem.ApiProblem;
import java.util.regex.Pattern;

/** Key names appear in URLs ({@code DELETE /admin/keys/{name}}), logs and the key command: keep them plain. */
final class KeyNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private KeyNames() {
    }

    static String check(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiProblem.validation("name: '" + name + "' is not a valid key name (1 to 64 letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit)");
        }
        return name;
    }
}
