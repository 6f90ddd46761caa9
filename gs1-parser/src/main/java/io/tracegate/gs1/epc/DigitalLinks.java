package io.tracegate.gs1.epc;

import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.dl.DigitalLink;

/**
 * Reads EPCs from GS1 Digital Link URIs with one shared parser: building a {@link Gs1Parser} compiles the AI table
 * and resolves every linter, far too much work to repeat for each EPC of a document. The parser is thread-safe and
 * reads the system clock (UTC) afresh for each date it checks.
 */
final class DigitalLinks {

    private static final Gs1Parser PARSER = new Gs1Parser();

    private DigitalLinks() {
    }

    static Epc parse(String uri) {
        return Epc.fromElementString(DigitalLink.parse(uri, PARSER));
    }
}
