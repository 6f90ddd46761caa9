package io.tracegate.gs1.cli;

import io.tracegate.gs1.AiElement;
import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.dl.DigitalLink;
import io.tracegate.gs1.epc.Epc;
import io.tracegate.gs1.epc.GcpLengthResolver;
import java.util.Locale;

/** What {@code --to} can ask for; {@link #BRACKETED} is the default. */
enum OutputForm {
    BRACKETED("bracketed") {
        @Override
        String format(ElementString e) {
            return e.toBracketed();
        }
    },
    UNBRACKETED("unbracketed") {
        @Override
        String format(ElementString e) {
            return e.toUnbracketed();
        }
    },
    SCAN("scan") {
        @Override
        String format(ElementString e) {
            return e.toScanData();
        }
    },
    /** Human-readable interpretation as printed under a barcode: {@code (01) 00300010123455 (21) ...}. */
    HRI("hri") {
        @Override
        String format(ElementString e) {
            StringBuilder b = new StringBuilder();
            for (AiElement el : e.elements()) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append('(').append(el.ai()).append(") ").append(el.value());
            }
            return b.toString();
        }
    },
    DL("dl") {
        @Override
        String format(ElementString e) {
            return e.toDigitalLink(DigitalLink.CANONICAL_STEM);
        }
    },
    /** The EPC URN of the first key (SGTIN, LGTIN, SGTIN pattern, SSCC, SGLN), split by GS1's prefix table. */
    URN("urn") {
        @Override
        String format(ElementString e) {
            return Epc.fromElementString(e).toUrn(GcpLengthResolver.standard());
        }
    };

    private final String label;

    OutputForm(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    abstract String format(ElementString e);

    /** The form named on the command line, or null when there is none of that name. */
    static OutputForm named(String name) {
        for (OutputForm f : values()) {
            if (f.label.equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        return null;
    }
}
