package io.tracegate.gateway.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.security.ApiKeys.ApiKeyInfo;
import io.tracegate.gs1.Gln;
import io.tracegate.gs1.Gtin;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API key administration (ADMIN role, see {@link SecurityConfiguration}). */
@RestController
@RequestMapping("/admin/keys")
class AdminKeyController {

    private final ApiKeys apiKeys;

    AdminKeyController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    /**
     * {@code gtins} and {@code glns} are optional limits; GTIN-8/12/13 are stored as GTIN-14. {@code import}: the key
     * may import history ({@code Tracegate-Lifecycle: observe}), which otherwise only ADMIN keys may.
     */
    record NewKeyRequest(String name, List<String> roles, List<String> gtins, List<String> glns,
                         @JsonProperty("import") Boolean mayImport) {
    }

    record NewKey(String name, String key) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    NewKey create(@RequestBody NewKeyRequest request) {
        String name = KeyNames.check(request.name());
        if (request.roles() == null || request.roles().isEmpty()) {
            throw ApiProblem.validation("roles: at least one role is required");
        }
        ApiPrincipal grant = new ApiPrincipal(name, parseAll("roles", request.roles(), Role::parse),
                parseAll("gtins", request.gtins(), Gtin::of), parseAll("glns", request.glns(), Gln::new),
                Boolean.TRUE.equals(request.mayImport()));
        return new NewKey(name, apiKeys.create(grant));
    }

    @GetMapping
    List<ApiKeyInfo> list() {
        return apiKeys.list();
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String name) {
        apiKeys.revoke(name);
    }

    /** Parses every item; the error names the field and index of the first bad one. */
    private static <T> Set<T> parseAll(String field, List<String> items, Function<String, T> parse) {
        if (items == null) {
            return Set.of();
        }
        return IntStream.range(0, items.size()).mapToObj(i -> {
            try {
                return parse.apply(items.get(i));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.validation(field + "[" + i + "]: " + e.getMessage());
            }
        }).collect(Collectors.toSet());
    }
}
