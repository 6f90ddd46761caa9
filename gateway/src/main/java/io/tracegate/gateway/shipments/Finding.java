package io.tracegate.gateway.shipments;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tracegate.epcis.validation.ValidationFinding;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Something the pre-flight validation of a shipment document found, with what to do about it.
 *
 * @param level      {@code ERROR} (the document is held), {@code WARNING} or {@code INFO}
 * @param rule       the rule that fired: epcis-model's ({@code dscsa.product-master-data.ndc}, {@code xsd}, ...) or
 *                   the composer's ({@code shipments.*})
 * @param eventIndex the event of the document it is about, or null for the header
 * @param path       where in the document, or empty
 * @param message    what is wrong, naming the product, location or EPC
 * @param fix        what to do before {@code POST /shipments/{id}/retry}, when the gateway knows
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(String level, String rule, Integer eventIndex, String path, String message, String fix) {

    private static final Pattern GTIN = Pattern.compile("GTIN (\\d{14})");
    private static final Pattern PARTY = Pattern.compile("(?:source|destination) (\\S+) \\(");

    static Finding error(String rule, String message, String fix) {
        return new Finding("ERROR", rule, null, "", message, fix);
    }

    static Finding of(ValidationFinding f) {
        return new Finding(f.level().name(), f.rule(), f.eventIndex() == ValidationFinding.DOCUMENT ? null
                : f.eventIndex(), f.path(), f.message(), fix(f.rule(), f.message()));
    }

    /** This finding with the shipment's id in its fix. */
    Finding forShipment(long id) {
        return fix == null ? this : new Finding(level, rule, eventIndex, path, message,
                fix.replace("{id}", String.valueOf(id)));
    }

    boolean isError() {
        return level.equals("ERROR");
    }

    /** What fixes what the DSCSA rules find, as far as it is master data. */
    private static String fix(String rule, String message) {
        if (rule.startsWith("dscsa.product-master-data")) {
            Matcher gtin = GTIN.matcher(message);
            return gtin.find() ? productFix(gtin.group(1)) : null;
        }
        if (rule.equals("dscsa.location-master-data")) {
            Matcher party = PARTY.matcher(message);
            return party.find() ? locationFix(party.group(1)) : null;
        }
        return null;
    }

    static String productFix(String gtin) {
        return "set the product's master data (PUT /masterdata/products/" + gtin + " with ndc, name, dosageForm,"
                + " strength, netContent), then POST /shipments/{id}/retry";
    }

    static String locationFix(String sgln) {
        return "set the location's master data (PUT /masterdata/locations/" + sgln + " with name and address),"
                + " then POST /shipments/{id}/retry";
    }
}
