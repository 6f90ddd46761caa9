package io.tracegate.gs1.fuzz;

import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.ParseOptions;
import io.tracegate.gs1.epc.Epc;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Inputs far longer than the fuzzer's (hundreds of thousands of characters, built to hit each loop: digits, element
 * strings, separators, escapes, path segments, query pairs, percent-escapes, URN fields): every entry point must
 * still answer within {@link FuzzContract}'s bound, with a result or {@code Gs1Exception}, never a
 * {@code StackOverflowError} or {@code OutOfMemoryError}.
 */
class OversizedInputTest {

    private static final int N = 200_000;

    private final Gs1Parser parser = new Gs1Parser(ParseOptions.defaults().withPermitUnknownAis(true)
            .withSeparators(List.of("|", "<GS>")));

    @Test
    void scanData() {
        all(parser::parseScanData, "]d2" + "1".repeat(N), "]d210" + "1".repeat(N),
                "]d20100300010123455" + "17250331".repeat(N / 8), "]d2" + "10A\u001D".repeat(N / 4),
                "]d2" + "10A<GS".repeat(N / 6), "]d2" + "\r".repeat(N), "]d2010030001012345510" + "1710".repeat(N / 4));
    }

    @Test
    void unbracketedAndBracketed() {
        all(parser::parseUnbracketed, "^" + "10A^".repeat(N / 4), "^10" + "^".repeat(N));
        all(parser::parseBracketed, "(10)" + "\\(".repeat(N / 2), "(10)A".repeat(N / 5), "(".repeat(N),
                "(01)00300010123455(10)" + "(".repeat(N));
    }

    @Test
    void digitalLinkAndEpc() {
        all(parser::parseDigitalLink, "https://id.gs1.org" + "/01/00300010123455".repeat(N / 18),
                "https://id.gs1.org/01/00300010123455?" + "17=250331&".repeat(N / 10),
                "https://id.gs1.org/01/00300010123455/21/" + "%41".repeat(N / 3), "https://" + "/".repeat(N));
        all(Epc::parse, "urn:epc:id:sgtin:" + ".".repeat(N), "urn:epc:id:sgtin:030001.0012345." + "A".repeat(N),
                "https://id.gs1.org/01/00300010123455/21/" + "A".repeat(N));
    }

    private static void all(Function<String, ?> entryPoint, String... inputs) {
        for (String input : inputs) {
            FuzzContract.check(input, entryPoint);
        }
    }
}
