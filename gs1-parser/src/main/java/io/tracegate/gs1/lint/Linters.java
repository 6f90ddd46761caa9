package io.tracegate.gs1.lint;

import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry of Syntax Dictionary linters by name ({@code csum}, {@code yymmd0}, {@code cset82}, ...). Date linters
 * resolve the century from the clock given here (GS1 sliding window), never from a constant. The character-set
 * linters {@code csetnumeric}, {@code cset82}, {@code cset39} and {@code cset64} check the component types N, X, Y
 * and Z. Errors carry the dictionary's own codes ({@code GS1_LINTER_...}).
 */
public final class Linters {

    private static final Set<String> NAMES =
            Collections.unmodifiableSet(new TreeSet<>(new Linters(Clock.systemUTC(), null).byName.keySet()));

    private final Clock clock;
    private final CompanyPrefixLookup companyPrefixes;
    private final Map<String, Linter> byName;

    private Linters(Clock clock, CompanyPrefixLookup companyPrefixes) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.companyPrefixes = companyPrefixes;
        this.byName = register();
    }

    /** The linters, two-digit years resolved against this clock's current year. */
    public static Linters withClock(Clock clock) {
        return new Linters(clock, null);
    }

    /** The linters on the system clock (UTC), without a company prefix lookup. */
    public static Linters standard() {
        return new Linters(Clock.systemUTC(), null);
    }

    /**
     * These linters, with GS1 Company Prefixes also checked against {@code lookup} (which must answer quickly: the
     * key linters call it on every parse).
     */
    public Linters withCompanyPrefixLookup(CompanyPrefixLookup lookup) {
        return new Linters(clock, Objects.requireNonNull(lookup, "lookup"));
    }

    private Map<String, Linter> register() {
        Clock c = clock;
        CompanyPrefixLookup gcp = companyPrefixes;
        Map<String, Linter> m = new HashMap<>();
        m.put("csetnumeric", CharacterSets::csetnumeric);
        m.put("cset82", CharacterSets::cset82);
        m.put("cset39", CharacterSets::cset39);
        m.put("cset64", CharacterSets::cset64);
        m.put("importeridx", CharacterSets::importeridx);
        m.put("pcenc", CharacterSets::pcenc);
        m.put("hyphen", CharacterSets::hyphen);
        m.put("hasnondigit", CharacterSets::hasnondigit);

        m.put("csum", CheckCharacters::csum);
        m.put("csumalpha", CheckCharacters::csumalpha);
        m.put("iban", CheckCharacters::iban);

        m.put("gcppos1", (d, s, e) -> CompanyPrefix.gcppos1(d, s, e, gcp));
        m.put("gcppos2", (d, s, e) -> CompanyPrefix.gcppos2(d, s, e, gcp));

        m.put("yymmd0", (d, s, e) -> DatesAndTimes.yymmd0(d, s, e, c));
        m.put("yymmdd", (d, s, e) -> DatesAndTimes.yymmdd(d, s, e, c));
        m.put("yyyymmd0", DatesAndTimes::yyyymmd0);
        m.put("yyyymmdd", DatesAndTimes::yyyymmdd);
        m.put("hh", DatesAndTimes::hh);
        m.put("mi", DatesAndTimes::mi);
        m.put("ss", DatesAndTimes::ss);
        m.put("hhmi", DatesAndTimes::hhmi);

        m.put("iso3166", CodeLists::iso3166);
        m.put("iso3166999", CodeLists::iso3166999);
        m.put("iso3166alpha2", CodeLists::iso3166alpha2);
        m.put("iso4217", CodeLists::iso4217);
        m.put("iso5218", CodeLists::iso5218);
        m.put("packagetype", CodeLists::packagetype);
        m.put("mediatype", CodeLists::mediatype);
        m.put("winding", CodeLists::winding);
        m.put("yesno", CodeLists::yesno);

        m.put("zero", NumericFields::zero);
        m.put("nonzero", NumericFields::nonzero);
        m.put("nozeroprefix", NumericFields::nozeroprefix);
        m.put("pieceoftotal", NumericFields::pieceoftotal);
        m.put("posinseqslash", NumericFields::posinseqslash);
        m.put("latitude", NumericFields::latitude);
        m.put("longitude", NumericFields::longitude);

        m.put("couponcode", (d, s, e) -> Coupons.couponcode(d, s, e, c, gcp));
        m.put("couponposoffer", Coupons::couponposoffer);
        return Map.copyOf(m);
    }

    /** The linter with this dictionary name; IllegalArgumentException when there is none. */
    public Linter get(String name) {
        Linter linter = byName.get(name);
        if (linter == null) {
            throw new IllegalArgumentException("no Syntax Dictionary linter named '" + name + "' (known: " + NAMES + ")");
        }
        return linter;
    }

    /** Every linter name this registry knows. */
    public static Set<String> names() {
        return NAMES;
    }

    public Clock clock() {
        return clock;
    }
}
