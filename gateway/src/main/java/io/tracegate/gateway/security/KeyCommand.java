package io.tracegate.gateway.security;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar gateway.jar --tracegate.create-key=NAME:ROLE[,ROLE...]}: creates an API key in the configured
 * database, prints it on standard output and exits (the gateway then runs without its HTTP port). GTIN and GLN limits
 * are set through {@code POST /admin/keys}.
 */
@Component
@ConditionalOnProperty(KeyCommand.PROPERTY)
public class KeyCommand implements ApplicationRunner {

    static final String PROPERTY = "tracegate.create-key";

    private final ApiKeys apiKeys;
    private final String spec;

    KeyCommand(ApiKeys apiKeys, @Value("${" + PROPERTY + "}") String spec) {
        this.apiKeys = apiKeys;
        this.spec = spec;
    }

    /** Whether the command line asks for this command (decided before the application starts). */
    public static boolean isRequested(String[] args) {
        return Arrays.stream(args).anyMatch(arg -> arg.startsWith("--" + PROPERTY + "="));
    }

    @Override
    public void run(ApplicationArguments args) {
        ApiPrincipal grant = parse(spec);
        String key = apiKeys.create(grant);
        System.out.println("API key '" + grant.name() + "' (" + grant.roles().stream().map(Role::name).sorted()
                .collect(Collectors.joining(",")) + "): " + key);
    }

    /** {@code NAME:ROLE[,ROLE...]}, roles case-insensitive. */
    static ApiPrincipal parse(String spec) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(PROPERTY + " must be NAME:ROLE[,ROLE...], e.g. line-1:LINE, got '"
                    + spec + "'");
        }
        String name = KeyNames.check(spec.substring(0, colon));
        Set<Role> roles = Arrays.stream(spec.substring(colon + 1).split(",", -1)).map(Role::parse)
                .collect(Collectors.toSet());
        return new ApiPrincipal(name, roles, Set.of(), Set.of());
    }
}
