package io.tracegate.gateway.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.GatewayTest;
import io.tracegate.gateway.security.Role;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Base of the capture, serial store and trace tests: EPCIS 2.0 JSON-LD documents built in memory, captured over
 * HTTP with a LINE key, waited for, and traced with a COMPLIANCE key.
 */
public abstract class CaptureTest extends GatewayTest {

    /** The GS1 US example's company prefix, product and site. */
    protected static final String SITE = "urn:epc:id:sgln:030001.111111.0";
    protected static final String BUYER = "urn:epc:id:sgln:039999.999999.0";
    protected static final String BUYER_SITE = "urn:epc:id:sgln:039999.345678.0";

    private static final AtomicLong CLOCK = new AtomicLong(Instant.parse("2024-01-01T00:00:00Z").getEpochSecond());

    private static String lineKey;
    private static String complianceKey;

    protected String lineKey() {
        if (lineKey == null) {
            lineKey = createKey(unique("line"), Role.LINE);
        }
        return lineKey;
    }

    protected String complianceKey() {
        if (complianceKey == null) {
            complianceKey = createKey(unique("compliance"), Role.COMPLIANCE);
        }
        return complianceKey;
    }

    /** A unit serial no other test uses. */
    protected static String sgtin(String serialPrefix) {
        return "urn:epc:id:sgtin:030001.0012345." + unique(serialPrefix);
    }

    protected static String caseSgtin(String serialPrefix) {
        return "urn:epc:id:sgtin:030001.1012345." + unique(serialPrefix);
    }

    protected static final String EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

    private static final AtomicLong SSCCS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    protected static String sscc() {
        return "urn:epc:id:sscc:030001.4" + String.format("%010d", SSCCS.incrementAndGet() % 10_000_000_000L);
    }

    /** A later event time than every earlier call's. */
    protected static String nextTime() {
        return Instant.ofEpochSecond(CLOCK.addAndGet(60)).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** An event under construction, written as EPCIS 2.0 JSON-LD. */
    protected static final class Event {
        private final StringBuilder json = new StringBuilder();

        private Event(String type, String action) {
            json.append("{\"type\":\"").append(type).append("\",\"eventTime\":\"").append(nextTime())
                    .append("\",\"eventTimeZoneOffset\":\"-05:00\"");
            if (action != null) {
                json.append(",\"action\":\"").append(action).append('"');
            }
        }

        public Event epcs(String... epcs) {
            return list("epcList", epcs);
        }

        public Event epcs(List<String> epcs) {
            return epcs(epcs.toArray(String[]::new));
        }

        public Event inputs(String... epcs) {
            return list("inputEPCList", epcs);
        }

        public Event purchaseOrder(String po) {
            json.append(",\"bizTransactionList\":[{\"type\":\"po\",\"bizTransaction\":\"").append(po)
                    .append("\"}]");
            return this;
        }

        public Event parent(String parent) {
            return field("parentID", parent);
        }

        public Event children(String... children) {
            return list("childEPCs", children);
        }

        public Event children(List<String> children) {
            return children(children.toArray(String[]::new));
        }

        public Event eventId(String id) {
            return field("eventID", id);
        }

        public Event bizStep(String word) {
            return field("bizStep", word);
        }

        public Event disposition(String word) {
            return field("disposition", word);
        }

        public Event at(String sgln) {
            json.append(",\"readPoint\":{\"id\":\"").append(sgln).append("\"},\"bizLocation\":{\"id\":\"")
                    .append(sgln).append("\"}");
            return this;
        }

        public Event readPoint(String sgln) {
            json.append(",\"readPoint\":{\"id\":\"").append(sgln).append("\"}");
            return this;
        }

        public Event lot(String lot, String expiry) {
            json.append(",\"ilmd\":{\"cbvmda:lotNumber\":\"").append(lot)
                    .append("\",\"cbvmda:itemExpirationDate\":\"").append(expiry).append("\"}");
            return this;
        }

        public Event from(String owner) {
            json.append(",\"sourceList\":[{\"type\":\"owning_party\",\"source\":\"").append(owner).append("\"}]");
            return this;
        }

        public Event to(String owner, String location) {
            json.append(",\"destinationList\":[{\"type\":\"owning_party\",\"destination\":\"").append(owner)
                    .append("\"},{\"type\":\"location\",\"destination\":\"").append(location).append("\"}]");
            return this;
        }

        private Event field(String name, String value) {
            json.append(",\"").append(name).append("\":\"").append(value).append('"');
            return this;
        }

        private Event list(String name, String... values) {
            json.append(",\"").append(name).append("\":[").append(Arrays.stream(values)
                    .map(v -> '"' + v + '"').collect(Collectors.joining(","))).append(']');
            return this;
        }

        public Event transformationId(String id) {
            return field("transformationID", id);
        }

        public String json() {
            return json + "}";
        }

        /** The event as a document of its own (POST /events): with the EPCIS context. */
        public String standalone() {
            return "{\"@context\":\"" + EPCIS_CONTEXT + "\"," + json.substring(1) + "}";
        }
    }

    protected static Event objectEvent(String action) {
        return new Event("ObjectEvent", action);
    }

    protected static Event aggregationEvent(String action) {
        return new Event("AggregationEvent", action);
    }

    protected static Event transactionEvent(String action) {
        return new Event("TransactionEvent", action);
    }

    protected static Event transformationEvent() {
        return new Event("TransformationEvent", null);
    }

    protected static Event commission(String... epcs) {
        return objectEvent("ADD").epcs(epcs).bizStep("commissioning").disposition("active").at(SITE)
                .lot("T100", "2027-03-31");
    }

    protected static Event pack(String parent, String... children) {
        return aggregationEvent("ADD").parent(parent).children(children).bizStep("packing")
                .disposition("in_progress").at(SITE);
    }

    protected static Event ship(String... epcs) {
        return objectEvent("OBSERVE").epcs(epcs).bizStep("shipping").disposition("in_transit").readPoint(SITE)
                .from(SITE).to(BUYER, BUYER_SITE);
    }

    protected static String document(Event... events) {
        List<String> list = new ArrayList<>();
        for (Event e : events) {
            list.add(e.json());
        }
        return document(list);
    }

    protected static String document(List<String> events) {
        return "{\"@context\":[\"" + EPCIS_CONTEXT + "\"],"
                + "\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\",\"creationDate\":\"2024-01-01T00:00:00Z\","
                + "\"epcisBody\":{\"eventList\":[" + String.join(",", events) + "]}}";
    }

    /** Posts a document (JSON-LD) and returns the 202 response. */
    protected HttpResponse<String> postDocument(String document, String key, String behaviour) {
        var request = request("/capture", key).header("Content-Type", "application/ld+json")
                .POST(BodyPublishers.ofString(document));
        if (behaviour != null) {
            request.header("GS1-Capture-Error-Behaviour", behaviour);
        }
        return send(request);
    }

    /** Captures a document with the LINE key and waits for its job; returns the finished job. */
    protected HttpResponse<String> capture(String document, String behaviour) {
        HttpResponse<String> accepted = postDocument(document, lineKey(), behaviour);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return awaitJob(accepted.headers().firstValue("Location").orElseThrow());
    }

    protected HttpResponse<String> capture(Event... events) {
        return capture(document(events), null);
    }

    /** Polls a job of the LINE key until it is no longer running. */
    protected HttpResponse<String> awaitJob(String location) {
        return awaitJob(location, lineKey());
    }

    /** Polls a job, as seen with this key, until it is no longer running. */
    protected HttpResponse<String> awaitJob(String location, String key) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            HttpResponse<String> job = get(location, key);
            assertThat(job.statusCode()).as(job.body()).isEqualTo(200);
            if (!(Boolean) json(job, "$.running")) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("capture job still running: " + job.body());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    protected static void assertSucceeded(HttpResponse<String> job) {
        assertThat((Boolean) json(job, "$.success")).as(job.body()).isTrue();
        assertThat((List<?>) json(job, "$.errors")).as(job.body()).isEmpty();
    }

    /** Asserts the job refused something with this rule for this EPC. */
    protected static void assertRefused(HttpResponse<String> job, String epc, String rule) {
        assertThat((Boolean) json(job, "$.success")).as(job.body()).isFalse();
        List<String> rules = json(job, "$.errors[*].findings[?(@.epc == '" + epc + "')].rule");
        assertThat(rules).as(job.body()).contains(rule);
    }

    protected HttpResponse<String> trace(String epc) {
        return get("/trace/" + URLEncoder.encode(epc, StandardCharsets.UTF_8), complianceKey());
    }

    protected String status(String epc) {
        HttpResponse<String> trace = trace(epc);
        assertThat(trace.statusCode()).as(trace.body()).isEqualTo(200);
        return json(trace, "$.status");
    }
}
