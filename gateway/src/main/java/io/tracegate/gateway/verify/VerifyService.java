package io.tracegate.gateway.verify;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.compliance.UnitMarks.Mark;
import io.tracegate.gateway.compliance.UnitStanding;
import io.tracegate.gateway.compliance.UnitStanding.Standing;
import io.tracegate.gateway.serials.SerialStore;
import io.tracegate.gateway.serials.SerialStore.UnitView;
import io.tracegate.gateway.verify.Directory.Route;
import io.tracegate.gateway.verify.Forwarder.Answered;
import io.tracegate.gateway.verify.Forwarder.Failed;
import io.tracegate.gateway.verify.Forwarder.Outcome;
import io.tracegate.gateway.verify.Forwarder.TimedOut;
import io.tracegate.gs1.Gln;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies product identifiers: this gateway's own products from its serial store (the responder), any other
 * through the lookup directory (the requester/router), and writes every verification to the {@link RequestLog}.
 *
 * <p>Whose products are "own": those of {@code tracegate.verify.responder-for} when it is set, else every GTIN the
 * serial store has a lot of. A unit the store holds is answered at once (one query); the directory is read only
 * for a GTIN this gateway does not answer for.
 */
@Service
public class VerifyService {

    /** The {@code responder} of local answers in the log. */
    public static final String LOCAL = "local";

    private final SerialStore units;
    private final UnitStanding standings;
    private final Directory directory;
    private final Forwarder forwarder;
    private final RequestLog requestLog;
    private final JsonMapper json;
    private final Clock clock;
    private final List<String> responderFor;

    VerifyService(SerialStore units, UnitStanding standings, Directory directory, Forwarder forwarder,
            RequestLog requestLog, JsonMapper json, Clock clock, VerifyProperties properties) {
        this.units = units;
        this.standings = standings;
        this.directory = directory;
        this.forwarder = forwarder;
        this.requestLog = requestLog;
        this.json = json;
        this.clock = clock;
        this.responderFor = properties.responderFor();
    }

    /**
     * What this gateway's own records say about a unit: the verdict and the facts behind it.
     *
     * @param recalledAt when the unit's lot was recalled, or null
     */
    public record Finding(Verdict verdict, UnitView unit, Instant recalledAt, Mark mark) {
    }

    /**
     * One verification as performed.
     *
     * @param verdict     the responder's verdict, or null when there is none (no route, remote failure, a remote
     *                    answer other than 200)
     * @param status      200, or the HTTP status answered without a verdict
     * @param responder   {@value #LOCAL}, the base URL it was forwarded to, or null when there was no route
     * @param local       the local finding, or null
     * @param passThrough the remote answer to pass through, or null
     * @param detail      why there is no verdict, or null
     */
    public record Verification(ProductIdentifier product, Verdict verdict, int status, String responder,
                               Finding local, Answered passThrough, String detail) {
    }

    /** Verifies one identifier: locally, forwarded (with this request's reqGLN, context and corrUUID), or 404. */
    public Verification verify(ProductIdentifier product, Gln reqGln, String context, String corrUuid) {
        Optional<Verification> local = local(product);
        if (local.isPresent()) {
            return local.get();
        }
        String gtin = product.gtin().value();
        Optional<Route> route = directory.routeFor(gtin);
        if (route.isEmpty()) {
            return new Verification(product, null, 404, null, null, null, "GTIN " + gtin + " is not one this"
                    + " gateway answers for, and the lookup directory has no responder for it");
        }
        String query = "/gtin/" + segment(gtin) + "/lot/" + segment(product.lot()) + "/ser/"
                + segment(product.serial()) + "?exp=" + product.expiry().raw() + "&linkType="
                + VerificationRequest.LINK_TYPE + "&context=" + segment(context)
                + (reqGln == null ? "" : "&reqGLN=" + reqGln.value()) + "&corrUUID=" + segment(corrUuid);
        return remote(product, route.get(), forwarder.get(route.get(), query));
    }

    /** The verification of a GTIN this gateway answers for itself, from its serial store; empty for another's. */
    Optional<Verification> local(ProductIdentifier product) {
        Optional<UnitView> unit = units.unit(product.unitKey());
        if (!answersFor(product.gtin().value(), unit.isPresent())) {
            return Optional.empty();
        }
        Finding finding = decide(product, unit.orElse(null));
        return Optional.of(new Verification(product, finding.verdict(), 200, LOCAL, finding, null, null));
    }

    /**
     * The responder for {@code checkConnectivity}: empty when this gateway answers for the GTIN itself, else the
     * route; 404 when there is none.
     */
    public Optional<Route> connectivityRoute(String gtin) {
        if (answersFor(gtin, false)) {
            return Optional.empty();
        }
        return Optional.of(directory.routeFor(gtin).orElseThrow(() -> ApiProblem.noSuchResource("GTIN " + gtin
                + " is not one this gateway answers for, and the lookup directory has no responder for it")));
    }

    /** Forwards checkConnectivity to a remote responder. */
    Outcome checkConnectivity(Route route, String gtin, Gln reqGln, String context) {
        return forwarder.get(route, "/checkConnectivity?gtin=" + gtin + "&reqGLN=" + reqGln.value()
                + (context == null ? "" : "&context=" + segment(context)));
    }

    /** Whether the serial store holds the unit of this GTIN and serial, for readings of an ambiguous scan. */
    boolean knowsUnit(String unitKey) {
        return units.unit(unitKey).isPresent();
    }

    Optional<SerialStore.Lot> lot(String gtin, String lot) {
        return units.lot(gtin, lot);
    }

    boolean knowsGtin(String gtin) {
        return units.knowsGtin(gtin);
    }

    /** Writes a verification to the request log; returns once it is committed. */
    public void log(RequestLog.Entry entry) {
        requestLog.write(entry);
    }

    private boolean answersFor(String gtin, boolean unitKnown) {
        if (!responderFor.isEmpty()) {
            String afterIndicator = gtin.substring(1);
            return responderFor.stream().anyMatch(own -> own.length() == 14 ? own.equals(gtin)
                    : afterIndicator.startsWith(own));
        }
        return unitKnown || units.knowsGtin(gtin);
    }

    private Finding decide(ProductIdentifier product, UnitView unit) {
        if (unit == null) {
            return new Finding(Verdict.decide(null, product.lot(), product.expiry().date(), null, false, today()),
                    null, null, null);
        }
        Standing standing = standings.of(unit.key(), unit.gtin(), unit.lot());
        return new Finding(Verdict.decide(unit, product.lot(), product.expiry().date(), standing.mark(),
                standing.recalledAt() != null, today()), unit, standing.recalledAt(), standing.mark());
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /** A remote outcome: a 200 must be an LMS answer (else 502), other answers pass through without a verdict. */
    private Verification remote(ProductIdentifier product, Route route, Outcome outcome) {
        if (outcome instanceof Failed failed) {
            return new Verification(product, null, 502, route.url(), null, null, failed.detail());
        }
        if (outcome instanceof TimedOut timedOut) {
            return new Verification(product, null, 504, route.url(), null, null, timedOut.detail());
        }
        Answered answered = (Answered) outcome;
        if (answered.status() != 200) {
            return new Verification(product, null, answered.status(), route.url(), null, answered, null);
        }
        Verdict verdict = parse(answered.body());
        if (verdict == null) {
            return new Verification(product, null, 502, route.url(), null, null, "the responder at " + route.url()
                    + " answered 200 without an LMS answer (data.verified)");
        }
        return new Verification(product, verdict, 200, route.url(), null, answered, null);
    }

    /** The verdict of an LMS answer body, or null when it is none. Unknown codes are kept as "no reason". */
    private Verdict parse(String body) {
        try {
            JsonNode data = json.readTree(body).path("data");
            if (!data.path("verified").isBoolean()) {
                return null;
            }
            boolean verified = data.path("verified").booleanValue();
            FailureReason reason = verified ? null : Optional.ofNullable(FailureReason.ofCode(
                    data.path("verificationFailureReason").asString(""))).orElse(FailureReason.NO_REASON_PROVIDED);
            return new Verdict(verified, reason, AdditionalInfo.ofCode(data.path("additionalInfo").asString("")));
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Percent-encodes a path segment or query value (everything but the URI unreserved characters). */
    static String segment(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (byte x : value.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return b.toString();
    }
}
