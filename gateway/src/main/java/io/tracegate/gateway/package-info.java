/**
 * The Tracegate gateway: one package per capability (see the architecture notes). Adding a capability:
 * <ul>
 *   <li>its tables in its own Flyway migration, {@code src/main/resources/db/migration/V<n>__<capability>.sql};</li>
 *   <li>its paths and roles in {@link io.tracegate.gateway.security.SecurityConfiguration}; controllers receive
 *       the caller as {@code @AuthenticationPrincipal ApiPrincipal} to apply its GTIN/GLN limits;</li>
 *   <li>its errors thrown as {@link io.tracegate.gateway.problem.ApiProblem} (rendered as problem+json with the
 *       EPCIS exception type);</li>
 *   <li>its settings under {@code tracegate.*} in {@link io.tracegate.gateway.config.TracegateProperties};</li>
 *   <li>its integration tests extending the test base {@code GatewayTest} (one shared application and database).</li>
 * </ul>
 */
package io.tracegate.gateway;
