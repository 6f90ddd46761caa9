package io.tracegate.gs1.cli;

import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.epc.Epc;

/** The input forms the command line recognises by their first characters. */
enum InputForm {
    SCAN_DATA("scan") {
        @Override
        ElementString parse(Gs1Parser parser, String input) {
            return parser.parseScanData(input);
        }
    },
    BRACKETED("bracketed") {
        @Override
        ElementString parse(Gs1Parser parser, String input) {
            return parser.parseBracketed(input);
        }
    },
    UNBRACKETED("unbracketed") {
        @Override
        ElementString parse(Gs1Parser parser, String input) {
            return parser.parseUnbracketed(input);
        }
    },
    DIGITAL_LINK("dl") {
        @Override
        ElementString parse(Gs1Parser parser, String input) {
            return parser.parseDigitalLink(input);
        }
    },
    EPC_URN("urn") {
        @Override
        ElementString parse(Gs1Parser parser, String input) {
            return Epc.parse(input).toElementString();
        }
    };

    private final String label;

    InputForm(String label) {
        this.label = label;
    }

    /** The name used in JSON output and {@code --to}. */
    String label() {
        return label;
    }

    abstract ElementString parse(Gs1Parser parser, String input);

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
