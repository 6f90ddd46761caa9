package io.tracegate.gs1.cli;

import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.epc.Epc;
import java.util.function.BiFunction;

/** The input forms the command line recognises by their first characters. */
enum InputForm {
    SCAN_DATA("scan", Gs1Parser::parseScanData),
    BRACKETED("bracketed", Gs1Parser::parseBracketed),
    UNBRACKETED("unbracketed", Gs1Parser::parseUnbracketed),
    DIGITAL_LINK("dl", Gs1Parser::parseDigitalLink),
    EPC_URN("urn", (parser, input) -> Epc.parse(input).toElementString());

    private final String label;
    private final BiFunction<Gs1Parser, String, ElementString> entryPoint;

    InputForm(String label, BiFunction<Gs1Parser, String, ElementString> entryPoint) {
        this.label = label;
        this.entryPoint = entryPoint;
    }

    /** The name used in JSON output and {@code --to}. */
    String label() {
        return label;
    }

    ElementString parse(Gs1Parser parser, String input) {
        return entryPoint.apply(parser, input);
    }

    /**
     * The form of this input. Leading BOM and NUL characters (keyboard-wedge debris, which the parser strips) are
     * skipped for the decision only.
     */
    static InputForm detect(String input) {
        int i = 0;
        while (i < input.length() && (input.charAt(i) == '\uFEFF' || input.charAt(i) == '\0')) {
            i++;
        }
        if (i == input.length()) {
            throw new Gs1Exception(null, "EMPTY_INPUT", input, -1, -1, "empty input");
        }
        char c = input.charAt(i);
        if (c == ']') {
            return SCAN_DATA;
        }
        if (c == '(') {
            return BRACKETED;
        }
        if (c == '^') {
            return UNBRACKETED;
        }
        if (startsWithIgnoreCase(input, i, "http://") || startsWithIgnoreCase(input, i, "https://")) {
            return DIGITAL_LINK;
        }
        if (startsWithIgnoreCase(input, i, "urn:epc:")) {
            return EPC_URN;
        }
        throw new Gs1Exception(null, "UNKNOWN_INPUT_FORM", input, i, i + 1,
                "unrecognised input form: expected scan data (']' symbology identifier), "
                        + "bracketed '(AI)', unbracketed '^', a Digital Link 'http(s)://' URI or an 'urn:epc:' URN");
    }

    private static boolean startsWithIgnoreCase(String s, int offset, String prefix) {
        return s.regionMatches(true, offset, prefix, 0, prefix.length());
    }
}
