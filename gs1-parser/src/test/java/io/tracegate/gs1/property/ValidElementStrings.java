package io.tracegate.gs1.property;

import io.tracegate.gs1.AiElement;
import io.tracegate.gs1.CheckDigit;
import io.tracegate.gs1.ElementString;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of valid GS1 messages, built from the rules the AI table states: keys with correct check digits,
 * CSET 82 text, numeric fields, dates that exist in the century the clock gives them, and only AI combinations that
 * satisfy every {@code req=} and {@code ex=} rule. Element order is random, since carriers may use any order.
 */
final class ValidElementStrings {

    static final LocalDate TODAY = LocalDate.of(2026, 1, 15);
    static final Clock CLOCK = Clock.fixed(TODAY.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);

    /** GS1 AI encodable character set 82. */
    static final String CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    private ValidElementStrings() {
    }

    /** A trade item: GTIN with any of its DSCSA and other common attributes. */
    static Arbitrary<ElementString> tradeItems() {
        Arbitrary<List<AiElement>> attributes = Combinators.combine(
                optional(element("21", cset82(20))),
                optional(element("10", cset82(20))),
                optional(element("17", dateOrMonth())),
                optional(element("11", dateOrMonth())),
                optional(element("15", dateOrMonth())),
                optional(element("22", cset82(20))),
                optional(element("30", digits(1, 8))),
                optional(element("3103", digits(6, 6)))
        ).as(ValidElementStrings::present);
        Arbitrary<List<AiElement>> more = Combinators.combine(
                optional(element("240", cset82(30))),
                optional(element("20", digits(2, 2))),
                optional(element("7003", Combinators.combine(date(), hourMinute()).as(String::concat)))
        ).as(ValidElementStrings::present);
        return Combinators.combine(element("01", gtin()), attributes, more).as((key, a, b) -> {
            List<AiElement> all = new ArrayList<>();
            all.add(key);
            all.addAll(a);
            all.addAll(b);
            return all;
        }).flatMap(ValidElementStrings::shuffled);
    }

    /** The DSCSA product identifier: GTIN, serial, lot, expiry. */
    static Arbitrary<ElementString> dscsaUnits() {
        return Combinators.combine(element("01", gtin()), element("21", cset82(20)), element("10", cset82(20)),
                element("17", dateOrMonth())).as(List::of).flatMap(ValidElementStrings::shuffled);
    }

    /** A logistic unit: SSCC, optionally with its content (02 + 37), lot and expiry, or an order number. */
    static Arbitrary<ElementString> logisticUnits() {
        Arbitrary<List<AiElement>> content = Combinators.combine(element("02", gtin()), element("37", digits(1, 8)),
                optional(element("10", cset82(20))), optional(element("17", dateOrMonth())))
                .as((gtin, count, lot, expiry) -> {
                    List<AiElement> all = new ArrayList<>(List.of(gtin, count));
                    all.addAll(present(lot, expiry));
                    return all;
                });
        return Combinators.combine(element("00", sscc()), optional(content), optional(element("400", cset82(30))))
                .as((key, c, order) -> {
                    List<AiElement> all = new ArrayList<>();
                    all.add(key);
                    c.ifPresent(all::addAll);
                    order.ifPresent(all::add);
                    return all;
                }).flatMap(ValidElementStrings::shuffled);
    }

    /** A location: GLN, optionally with its extension. */
    static Arbitrary<ElementString> locations() {
        return Combinators.combine(element("414", gln()), optional(element("254", cset82(20))))
                .as((gln, ext) -> ext.map(e -> List.of(gln, e)).orElse(List.of(gln)))
                .flatMap(ValidElementStrings::shuffled);
    }

    static Arbitrary<ElementString> any() {
        return Arbitraries.oneOf(tradeItems(), dscsaUnits(), logisticUnits(), locations());
    }

    static Arbitrary<String> gtin() {
        return Arbitraries.strings().numeric().ofLength(13).map(CheckDigit::append);
    }

    static Arbitrary<String> sscc() {
        return Arbitraries.strings().numeric().ofLength(17).map(CheckDigit::append);
    }

    static Arbitrary<String> gln() {
        return Arbitraries.strings().numeric().ofLength(12).map(CheckDigit::append);
    }

    static Arbitrary<String> cset82(int maxLength) {
        return Arbitraries.strings().withChars(CSET82).ofMinLength(1).ofMaxLength(maxLength);
    }

    private static Arbitrary<String> digits(int min, int max) {
        return Arbitraries.strings().numeric().ofMinLength(min).ofMaxLength(max);
    }

    /** A real day whose two-digit year the GS1 century window maps back to it (within 49 years of today). */
    private static Arbitrary<String> date() {
        return Arbitraries.integers().between(-49 * 365, 49 * 365).map(d -> TODAY.plusDays(d).format(YYMMDD));
    }

    /** {@code yymmd0}: a date, or a month with day 00. */
    private static Arbitrary<String> dateOrMonth() {
        return Arbitraries.oneOf(date(), date().map(d -> d.substring(0, 4) + "00"));
    }

    private static Arbitrary<String> hourMinute() {
        return Combinators.combine(Arbitraries.integers().between(0, 23), Arbitraries.integers().between(0, 59))
                .as((h, m) -> String.format("%02d%02d", h, m));
    }

    private static Arbitrary<AiElement> element(String ai, Arbitrary<String> value) {
        return value.map(v -> new AiElement(ai, v));
    }

    private static <T> Arbitrary<Optional<T>> optional(Arbitrary<T> a) {
        return a.optional(0.5);
    }

    @SafeVarargs
    private static List<AiElement> present(Optional<AiElement>... elements) {
        List<AiElement> out = new ArrayList<>();
        for (Optional<AiElement> e : elements) {
            e.ifPresent(out::add);
        }
        return out;
    }

    private static Arbitrary<ElementString> shuffled(List<AiElement> elements) {
        return Arbitraries.shuffle(elements).map(order -> new ElementString(order, null));
    }
}
