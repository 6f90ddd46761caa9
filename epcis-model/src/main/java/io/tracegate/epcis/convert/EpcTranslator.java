package io.tracegate.epcis.convert;

import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.GcpLengthResolver;

/**
 * Translates one identifier between its EPC URN and GS1 Digital Link forms through gs1-parser. Identifiers without a
 * translation here (other EPC schemes, business transaction IDs, malformed values) are returned unchanged: conversion
 * is not validation, the validation layers report bad identifiers.
 */
public final class EpcTranslator {

    private final EpcFormat format;
    private final GcpLengthResolver resolver;

    /**
     * @param format   the target form
     * @param resolver where company prefixes end, for Digital Link to URN
     */
    public EpcTranslator(EpcFormat format, GcpLengthResolver resolver) {
        this.format = format;
        this.resolver = resolver;
    }

    /** The target form. */
    public EpcFormat format() {
        return format;
    }

    /** The identifier in the target form, or unchanged when there is no translation. */
    public String translate(String identifier) {
        return switch (format) {
            case NO_PREFERENCE, NEVER_TRANSLATES -> identifier;
            case ALWAYS_GS1_DIGITAL_LINK -> identifier.startsWith("urn:epc:") ? toDigitalLink(identifier) : identifier;
            case ALWAYS_EPC_URN -> identifier.startsWith("http") ? toUrn(identifier) : identifier;
        };
    }

    private static String toDigitalLink(String urn) {
        try {
            return Epc.parse(urn).toDigitalLink();
        } catch (Gs1Exception | IllegalArgumentException e) {
            return urn;
        }
    }

    private String toUrn(String digitalLink) {
        try {
            return Epc.parse(digitalLink).toUrn(resolver);
        } catch (Gs1Exception | IllegalArgumentException e) {
            return digitalLink;
        }
    }
}
