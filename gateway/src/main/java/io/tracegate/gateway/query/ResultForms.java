package io.tracegate.gateway.query;

import io.tracegate.epcis.convert.ConversionOptions;
import io.tracegate.epcis.convert.EpcFormat;
import io.tracegate.epcis.convert.EpcisConverter;
import io.tracegate.epcis.io.CbvXmlFormat;
import io.tracegate.epcis.io.EpcisFormat;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.GcpLengthResolver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * How the identifiers and CBV values of a query's events are written, as the request's {@code GS1-EPC-Format} and
 * {@code GS1-CBV-XML-Format} headers choose; the answer repeats both with the choice applied.
 *
 * @param epcHeader    the {@code GS1-EPC-Format} applied ({@code Always_GS1_Digital_Link} when the request has none,
 *                     the EPCIS 2.0 REST bindings' default)
 * @param epcFormat    the same, as the converter's form
 * @param cbvXmlHeader the {@code GS1-CBV-XML-Format} applied to XML answers
 * @param cbvXmlFormat the same, as the XML writer's form
 */
record ResultForms(String epcHeader, EpcFormat epcFormat, String cbvXmlHeader, CbvXmlFormat cbvXmlFormat) {

    static final String EPC_FORMAT = "GS1-EPC-Format";
    static final String CBV_XML_FORMAT = "GS1-CBV-XML-Format";
    private static final String EPC_DEFAULT = "Always_GS1_Digital_Link";
    private static final String CBV_XML_DEFAULT = "No_Preference";
    private static final EpcisConverter CONVERTER = new EpcisConverter();

    /**
     * The forms the headers ask for (either may be null).
     *
     * @throws ApiProblem a {@code ValidationException} naming the header and its allowed values
     */
    static ResultForms of(String epcHeader, String cbvXmlHeader) {
        String epc = epcHeader == null ? EPC_DEFAULT : epcHeader.strip();
        EpcFormat epcFormat = parse(EPC_FORMAT, epcHeader, epc, EpcFormat::fromHeader,
                "No_Preference, Always_GS1_Digital_Link, Always_EPC_URN, Never_Translates");
        String cbv = cbvXmlHeader == null ? CBV_XML_DEFAULT : cbvXmlHeader.strip();
        // events are stored with standard CBV values as bare words, their written form forgotten: keeping "the
        // original format" is the XML default, URNs
        if (cbv.equals("Never_Translates")) {
            cbv = CBV_XML_DEFAULT;
        }
        CbvXmlFormat cbvXmlFormat = parse(CBV_XML_FORMAT, cbvXmlHeader, cbv, CbvXmlFormat::fromHeader,
                "No_Preference, Always_Web_URI, Always_URN, Never_Translates");
        return new ResultForms(epc, epcFormat, cbv, cbvXmlFormat);
    }

    /** A header's value as its format, or a ValidationException naming the header, what was given and what may be. */
    private static <F> F parse(String header, String given, String value, Function<String, F> fromHeader,
            String allowed) {
        try {
            return fromHeader.apply(value);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.validation("request header " + header + " '" + given + "' is not one of " + allowed);
        }
    }

    /**
     * A canonical identifier key (a GS1 Digital Link, or another URI as written) in the chosen form: an EPC URN for
     * {@code Always_EPC_URN} when GS1's prefix table knows its company prefix length, else as stored.
     */
    String identifier(String key) {
        if (epcFormat != EpcFormat.ALWAYS_EPC_URN || !key.startsWith("https://id.gs1.org/")) {
            return key;
        }
        try {
            return Epc.parse(key).toUrn(GcpLengthResolver.standard());
        } catch (Gs1Exception unknownPrefix) {
            return key;
        }
    }

    /**
     * A stored one-event document with its identifiers in the chosen form. Stored events keep identifiers as
     * captured, which is what {@code No_Preference} and {@code Never_Translates} return.
     */
    String identifiersOf(String body) {
        boolean translates = switch (epcFormat) {
            case NO_PREFERENCE, NEVER_TRANSLATES -> false;
            // without an EPC URN in it there is nothing to translate: copied as stored
            case ALWAYS_GS1_DIGITAL_LINK -> body.contains("urn:epc:");
            case ALWAYS_EPC_URN -> true;
        };
        if (!translates) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length() + 256);
        CONVERTER.convert(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), out,
                ConversionOptions.to(EpcisFormat.JSON_LD_2_0).withEpcFormat(epcFormat));
        return out.toString(StandardCharsets.UTF_8);
    }
}
