package io.tracegate.gs1.cli;

import io.tracegate.gs1.AiElement;
import io.tracegate.gs1.Ambiguity;
import io.tracegate.gs1.ElementString;
import io.tracegate.gs1.ExpiryDate;
import io.tracegate.gs1.Gs1Exception;
import io.tracegate.gs1.Gs1Parser;
import io.tracegate.gs1.ParseOptions;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code parse}: one input line in, one result line out. The line format ({@code OK}/{@code ERR}, tab-separated)
 * is a contract for scripts, so it does not change with the parser's internals.
 */
final class ParseCommand {

    private final Gs1Parser parser;
    private final OutputForm to;
    private final boolean json;
    private final boolean escapes;

    ParseCommand(Gs1Parser parser, OutputForm to, boolean json, boolean escapes) {
        this.parser = parser;
        this.to = to;
        this.json = json;
        this.escapes = escapes;
    }

    /** Reads the options that follow {@code parse}. */
    static ParseCommand fromArgs(List<String> args) throws UsageException {
        ParseOptions options = ParseOptions.defaults();
        List<String> separators = new ArrayList<>();
        OutputForm to = OutputForm.BRACKETED;
        boolean json = false;
        boolean escapes = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--json" -> json = true;
                case "--escapes" -> escapes = true;
                case "--permit-unknown" -> options = options.withPermitUnknownAis(true);
                case "--strict" -> options = options.withStrictAmbiguity(true);
                case "--to" -> {
                    String name = valueOf(args, ++i, a);
                    to = OutputForm.named(name);
                    if (to == null) {
                        throw new UsageException("--to " + name + ": expected one of dl, scan, hri, urn, bracketed, "
                                + "unbracketed");
                    }
                }
                case "--separator" -> {
                    String s = valueOf(args, ++i, a);
                    if (s.isEmpty()) {
                        throw new UsageException("--separator needs a non-empty substitute for GS");
                    }
                    separators.add(s);
                }
                case "--today" -> {
                    String day = valueOf(args, ++i, a);
                    try {
                        LocalDate date = LocalDate.parse(day);
                        options = options.withClock(
                                Clock.fixed(date.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC));
                    } catch (DateTimeParseException e) {
                        throw new UsageException("--today " + day + ": expected a date YYYY-MM-DD");
                    }
                }
                default -> throw new UsageException("unknown option " + a);
            }
        }
        return new ParseCommand(new Gs1Parser(options.withSeparators(separators)), to, json, escapes);
    }

    private static String valueOf(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    /** The result line for one input line (without line terminator). Throws only for parser defects. */
    String handle(String line) {
        String input = escapes ? Escapes.decode(line) : line;
        InputForm form = null;
        try {
            form = InputForm.detect(input);
            ElementString result = form.parse(parser, input);
            String output = to.format(result);
            List<List<AiElement>> alternatives = result.ambiguity().map(Ambiguity::alternatives).orElse(List.of());
            List<String> formattedAlternatives = new ArrayList<>(alternatives.size());
            for (List<AiElement> alternative : alternatives) {
                formattedAlternatives.add(to.format(new ElementString(alternative, null)));
            }
            return json ? okJson(input, form, result, output, alternatives, formattedAlternatives)
                    : okText(output, formattedAlternatives);
        } catch (Gs1Exception e) {
            return json ? errJson(input, form, e) : "ERR\t" + Escapes.encodeControls(describe(e));
        }
    }

    private String okText(String output, List<String> alternatives) {
        StringBuilder b = new StringBuilder("OK\t").append(shown(output));
        if (!alternatives.isEmpty()) {
            b.append("\tAMBIGUOUS");
            for (String a : alternatives) {
                b.append('\t').append(shown(a));
            }
        }
        return b.toString();
    }

    /** Scan data carries GS: raw by default (so output can be fed back), {@code \x1D} under --escapes. */
    private String shown(String output) {
        return escapes ? Escapes.encodeControls(output) : output;
    }

    /** The parser's explanation, then what the issue names (AI, position, rule), then the input marked up. */
    static String describe(Gs1Exception e) {
        StringBuilder b = new StringBuilder(e.getMessage() == null ? e.rule() : e.getMessage());
        List<String> facts = new ArrayList<>(3);
        if (e.ai() != null) {
            facts.add("AI " + e.ai());
        }
        if (e.start() >= 0) {
            facts.add(e.end() > e.start() + 1 ? "position " + e.start() + "-" + (e.end() - 1) : "position " + e.start());
        }
        if (e.rule() != null) {
            facts.add("rule " + e.rule());
        }
        if (!facts.isEmpty()) {
            b.append(" (").append(String.join("; ", facts)).append(')');
        }
        String markup = e.markup();
        if (markup != null && !markup.equals(e.input())) {
            b.append(": ").append(markup);
        }
        return b.toString();
    }

    private String okJson(String input, InputForm form, ElementString result, String output,
            List<List<AiElement>> alternatives, List<String> formattedAlternatives) {
        Json j = new Json().begin('{')
                .field("input", input)
                .field("form", form.label())
                .name("ok").value(true)
                .field(to.label(), output);
        elements(j.name("elements"), result.elements());
        j.field("gtin", result.gtin() == null ? null : result.gtin().value())
                .field("serial", result.serial())
                .field("lot", result.lot());
        ExpiryDate expiry = result.expiry();
        j.name("expiry");
        if (expiry == null) {
            j.value((String) null);
        } else {
            j.begin('{').field("raw", expiry.raw()).field("date", expiry.date().toString()).end('}');
        }
        j.field("sscc", result.sscc() == null ? null : result.sscc().value())
                .field("gln", result.gln() == null ? null : result.gln().value());
        j.name("ambiguity");
        if (alternatives.isEmpty()) {
            j.value((String) null);
        } else {
            j.begin('[');
            for (int i = 0; i < alternatives.size(); i++) {
                j.begin('{').field(to.label(), formattedAlternatives.get(i));
                elements(j.name("elements"), alternatives.get(i));
                j.end('}');
            }
            j.end(']');
        }
        return j.end('}').toString();
    }

    private static void elements(Json j, List<AiElement> elements) {
        j.begin('[');
        for (AiElement e : elements) {
            j.begin('{').field("ai", e.ai()).field("value", e.value()).end('}');
        }
        j.end(']');
    }

    private static String errJson(String input, InputForm form, Gs1Exception e) {
        Json j = new Json().begin('{')
                .field("input", input)
                .field("form", form == null ? null : form.label())
                .name("ok").value(false)
                .name("error").begin('{')
                .field("message", describe(e))
                .field("ai", e.ai())
                .field("rule", e.rule());
        if (e.start() >= 0) {
            j.name("start").value(e.start()).name("end").value(e.end());
        }
        return j.end('}').end('}').toString();
    }
}
