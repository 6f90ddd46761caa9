package io.tracegate.gs1.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The linters' rules from vectors this project writes itself (the Syntax Dictionary's own vectors are in
 * {@code LinterVectorsTest}, which needs {@code ../shared/oracles}): every error each linter can give, with its span,
 * and generated inputs for the check digit, check character pair, IBAN and code list linters, checked against
 * independent computations. Vectors are written {@code linter, input, code, span}: the span marks the offending
 * characters between asterisks, as the dictionary's files do.
 */
class LinterRulesTest {

    private static final Clock JAN_2026 = Clock.fixed(Instant.parse("2026-01-27T10:00:00Z"), ZoneOffset.UTC);
    private static final Linters LINTERS = Linters.withClock(JAN_2026);

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", emptyValue = "", textBlock = """
            csetnumeric | 0123456789 | OK |
            csetnumeric | 12a4 | GS1_LINTER_NON_DIGIT_CHARACTER | 12*a*4
            cset82 | AZaz09!"%&'()*+,-./:;<=>?_ | OK |
            cset82 | AB CD | GS1_LINTER_INVALID_CSET82_CHARACTER | AB* *CD
            cset82 | abcé | GS1_LINTER_INVALID_CSET82_CHARACTER | abc*é*
            cset39 | #-/09AZ | OK |
            cset39 | AbC | GS1_LINTER_INVALID_CSET39_CHARACTER | A*b*C
            cset64 | Az09-_ | OK |
            cset64 | Az= | OK |
            cset64 | A== | OK |
            cset64 | Az09-= | OK |
            cset64 | Az0= | GS1_LINTER_INVALID_CSET64_PADDING | Az0*=*
            cset64 | A=== | GS1_LINTER_INVALID_CSET64_PADDING | A*===*
            cset64 | Az+9 | GS1_LINTER_INVALID_CSET64_CHARACTER | Az*+*9
            importeridx | _ | OK |
            importeridx | AB | GS1_LINTER_IMPORTER_IDX_MUST_BE_ONE_CHARACTER | *AB*
            importeridx | + | GS1_LINTER_INVALID_IMPORT_IDX_CHARACTER | *+*
            pcenc | a%20b%7Ec | OK |
            pcenc | a%2 | GS1_LINTER_INVALID_PERCENT_SEQUENCE | a*%2*
            pcenc | %G0x | GS1_LINTER_INVALID_PERCENT_SEQUENCE | *%G0*x
            pcenc | %2Gx | GS1_LINTER_INVALID_PERCENT_SEQUENCE | *%2G*x
            hyphen | --- | OK |
            hyphen | -a- | GS1_LINTER_NOT_HYPHEN | *-a-*
            hyphen | '' | GS1_LINTER_NOT_HYPHEN | **
            hasnondigit | 12a | OK |
            hasnondigit | 123 | GS1_LINTER_REQUIRES_NON_DIGIT_CHARACTER | *123*
            csum | 00300010123455 | OK |
            csum | 00300010123454 | GS1_LINTER_INCORRECT_CHECK_DIGIT | 0030001012345*4*
            csum | 0030001012345X | GS1_LINTER_NON_DIGIT_CHARACTER | 0030001012345*X*
            csum | 00300A10123455 | GS1_LINTER_NON_DIGIT_CHARACTER | 00300*A*10123455
            csum | '' | GS1_LINTER_TOO_SHORT_FOR_CHECK_DIGIT | **
            csumalpha | 1 | GS1_LINTER_TOO_SHORT_FOR_CHECK_PAIR | *1*
            csumalpha | A c22 | GS1_LINTER_INVALID_CSET82_CHARACTER | A* *c22
            csumalpha | AB22 | GS1_LINTER_INCORRECT_CHECK_PAIR | AB*22*
            iban | GB82WEST12345698765432 | OK |
            iban | GB82WEST1234 | GS1_LINTER_INCORRECT_IBAN_CHECKSUM | GB*82*WEST1234
            iban | GB82WEST | GS1_LINTER_IBAN_TOO_SHORT | *GB82WEST*
            iban | GB82WEST12345698765432123456789012345 | GS1_LINTER_IBAN_TOO_LONG | \
            *GB82WEST12345698765432123456789012345*
            iban | GB82west12345698765432 | GS1_LINTER_INVALID_IBAN_CHARACTER | GB82*w*est12345698765432
            iban | QQ82WEST12345698765432 | GS1_LINTER_ILLEGAL_IBAN_COUNTRY_CODE | *QQ*82WEST12345698765432
            iban | GB83WEST12345698765432 | GS1_LINTER_INCORRECT_IBAN_CHECKSUM | GB*83*WEST12345698765432
            gcppos1 | 0614141000005 | OK |
            gcppos1 | 061 | GS1_LINTER_TOO_SHORT_FOR_GCP | *061*
            gcppos1 | 06A4141 | GS1_LINTER_INVALID_GCP_PREFIX | 06*A*4141
            gcppos2 | 10614141 | OK |
            gcppos2 | 1 | GS1_LINTER_TOO_SHORT_FOR_GCP | *1*
            gcppos2 | 106X41 | GS1_LINTER_INVALID_GCP_PREFIX | 106*X*41
            yymmd0 | 250300 | OK |
            yymmd0 | 000229 | OK |
            yymmd0 | 250229 | GS1_LINTER_ILLEGAL_DAY | 2502*29*
            yymmd0 | 251301 | GS1_LINTER_ILLEGAL_MONTH | 25*13*01
            yymmd0 | 250001 | GS1_LINTER_ILLEGAL_MONTH | 25*00*01
            yymmd0 | 25043 | GS1_LINTER_DATE_TOO_SHORT | *25043*
            yymmd0 | 2504300 | GS1_LINTER_DATE_TOO_LONG | *2504300*
            yymmd0 | 25O430 | GS1_LINTER_NON_DIGIT_CHARACTER | 25*O*430
            yymmdd | 250430 | OK |
            yymmdd | 250400 | GS1_LINTER_ILLEGAL_DAY | 2504*00*
            yymmdd | 250431 | GS1_LINTER_ILLEGAL_DAY | 2504*31*
            yyyymmd0 | 20250400 | OK |
            yyyymmd0 | 19000229 | GS1_LINTER_ILLEGAL_DAY | 190002*29*
            yyyymmdd | 20000229 | OK |
            yyyymmdd | 21000229 | GS1_LINTER_ILLEGAL_DAY | 210002*29*
            yyyymmdd | 20240229 | OK |
            yyyymmdd | 2024022 | GS1_LINTER_DATE_TOO_SHORT | *2024022*
            hh | 23 | OK |
            hh | 24 | GS1_LINTER_ILLEGAL_HOUR | *24*
            hh | 2 | GS1_LINTER_HOUR_TOO_SHORT | *2*
            hh | 123 | GS1_LINTER_HOUR_TOO_LONG | *123*
            hh | 1a | GS1_LINTER_NON_DIGIT_CHARACTER | 1*a*
            mi | 59 | OK |
            mi | 60 | GS1_LINTER_ILLEGAL_MINUTE | *60*
            mi | 5 | GS1_LINTER_MINUTE_TOO_SHORT | *5*
            mi | 590 | GS1_LINTER_MINUTE_TOO_LONG | *590*
            ss | 00 | OK |
            ss | 61 | GS1_LINTER_ILLEGAL_SECOND | *61*
            ss | 0 | GS1_LINTER_SECOND_TOO_SHORT | *0*
            ss | 000 | GS1_LINTER_SECOND_TOO_LONG | *000*
            hhmi | 2359 | OK |
            hhmi | 2459 | GS1_LINTER_ILLEGAL_HOUR | *24*59
            hhmi | 2360 | GS1_LINTER_ILLEGAL_MINUTE | 23*60*
            hhmi | 235 | GS1_LINTER_HOUR_WITH_MINUTE_TOO_SHORT | *235*
            hhmi | 23590 | GS1_LINTER_HOUR_WITH_MINUTE_TOO_LONG | *23590*
            hhmi | 23x9 | GS1_LINTER_NON_DIGIT_CHARACTER | 23*x*9
            iso3166 | 840 | OK |
            iso3166 | 999 | GS1_LINTER_NOT_ISO3166 | *999*
            iso3166 | 84 | GS1_LINTER_NOT_ISO3166 | *84*
            iso3166999 | 999 | OK |
            iso3166999 | 276 | OK |
            iso3166999 | 000 | GS1_LINTER_NOT_ISO3166_OR_999 | *000*
            iso3166alpha2 | US | OK |
            iso3166alpha2 | us | GS1_LINTER_NOT_ISO3166_ALPHA2 | *us*
            iso3166alpha2 | USA | GS1_LINTER_NOT_ISO3166_ALPHA2 | *USA*
            iso3166alpha2 | QQ | GS1_LINTER_NOT_ISO3166_ALPHA2 | *QQ*
            iso4217 | 978 | OK |
            iso4217 | 97A | GS1_LINTER_NOT_ISO4217 | *97A*
            packagetype | BX | OK |
            packagetype | 1A | OK |
            packagetype | bx | GS1_LINTER_INVALID_PACKAGE_TYPE | *bx*
            packagetype | ABCD | GS1_LINTER_INVALID_PACKAGE_TYPE | *ABCD*
            packagetype | ZZZ | GS1_LINTER_INVALID_PACKAGE_TYPE | *ZZZ*
            iso5218 | 9 | OK |
            iso5218 | 3 | GS1_LINTER_INVALID_BIOLOGICAL_SEX_CODE | *3*
            winding | 1 | OK |
            winding | 2 | GS1_LINTER_INVALID_WINDING_DIRECTION | *2*
            yesno | 0 | OK |
            yesno | 01 | GS1_LINTER_NOT_ZERO_OR_ONE | *01*
            mediatype | 10 | OK |
            mediatype | 80 | OK |
            mediatype | 11 | GS1_LINTER_INVALID_MEDIA_TYPE | *11*
            mediatype | 1 | GS1_LINTER_INVALID_MEDIA_TYPE | *1*
            mediatype | 0x | GS1_LINTER_INVALID_MEDIA_TYPE | *0x*
            zero | 000 | OK |
            zero | 010 | GS1_LINTER_NOT_ZERO | *010*
            zero | '' | GS1_LINTER_NOT_ZERO | **
            nonzero | 010 | OK |
            nonzero | 000 | GS1_LINTER_ILLEGAL_ZERO_VALUE | *000*
            nonzero | 0a0 | GS1_LINTER_NON_DIGIT_CHARACTER | 0*a*0
            nozeroprefix | 100 | OK |
            nozeroprefix | 0 | GS1_LINTER_ILLEGAL_ZERO_PREFIX | *0*
            nozeroprefix | 1x | GS1_LINTER_NON_DIGIT_CHARACTER | 1*x*
            pieceoftotal | 0304 | OK |
            pieceoftotal | 0404 | OK |
            pieceoftotal | 0504 | GS1_LINTER_PIECE_NUMBER_EXCEEDS_TOTAL | *0504*
            pieceoftotal | 0004 | GS1_LINTER_ZERO_PIECE_NUMBER | *00*04
            pieceoftotal | 0300 | GS1_LINTER_ZERO_TOTAL_PIECES | 03*00*
            pieceoftotal | 030 | GS1_LINTER_INVALID_LENGTH_FOR_PIECE_OF_TOTAL | *030*
            pieceoftotal | 0a04 | GS1_LINTER_NON_DIGIT_CHARACTER | 0*a*04
            posinseqslash | 3/12 | OK |
            posinseqslash | 12/12 | OK |
            posinseqslash | 13/12 | GS1_LINTER_POSITION_EXCEEDS_END | *13/12*
            posinseqslash | 9/10 | OK |
            posinseqslash | 03/12 | GS1_LINTER_ILLEGAL_ZERO_PREFIX | *03*/12
            posinseqslash | 3/012 | GS1_LINTER_ILLEGAL_ZERO_PREFIX | 3/*012*
            posinseqslash | /12 | GS1_LINTER_POSITION_IN_SEQUENCE_MALFORMED | */12*
            posinseqslash | 3/ | GS1_LINTER_POSITION_IN_SEQUENCE_MALFORMED | *3/*
            posinseqslash | 3-12 | GS1_LINTER_POSITION_IN_SEQUENCE_MALFORMED | *3-12*
            latitude | 1800000000 | OK |
            latitude | 1800000001 | GS1_LINTER_INVALID_LATITUDE | *1800000001*
            latitude | 180000000 | GS1_LINTER_LATITUDE_INVALID_LENGTH | *180000000*
            latitude | 18000000x0 | GS1_LINTER_NON_DIGIT_CHARACTER | 18000000*x*0
            longitude | 3600000000 | OK |
            longitude | 3600000001 | GS1_LINTER_INVALID_LONGITUDE | *3600000001*
            longitude | 36000000001 | GS1_LINTER_LONGITUDE_INVALID_LENGTH | *36000000001*
            """)
    void eachLinterGivesItsErrorsWithTheirSpans(String linter, String input, String code, String span) {
        assertEquals(expected(code, span), describe(input, LINTERS.get(linter).lint(input, 0, input.length())));
    }

    /**
     * AI 8110 coupons (GS1 US): a coupon built field by field from the rules, then each field broken in turn. Fields:
     * company prefix (VLI 0-6 + 6 digits), offer code (6), save value (VLI 1-5 + digits), 1st purchase requirement
     * (VLI 1-5 + digits, code, family), then optional fields 1 to 6 and 9.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            minimal | 0061414 123456 1 5 1 1 0 123 | OK |
            every optional field | 0061414 123456 1 5 1 1 0 123 1 0 1 1 1 456 9 2 1 2 1 789 0 061414 3 261231 4 \
            260101 5 0 123456 6 1 0614141 9 0 0 0 1 | OK |
            expiry before start | 0061414 123456 1 5 1 1 0 123 3 260101 4 261231 | \
            GS1_LINTER_COUPON_EXPIRATION_BEFORE_START | 006141412345615110123 *3 260101 4 261231*
            bad expiry | 0061414 123456 1 5 1 1 0 123 3 261301 | GS1_LINTER_COUPON_INVALID_EXIPIRATION_DATE | \
            006141412345615110123 3 *261301*
            bad start | 0061414 123456 1 5 1 1 0 123 4 260230 | GS1_LINTER_COUPON_INVALID_START_DATE | \
            006141412345615110123 4 *260230*
            short expiry | 0061414 123456 1 5 1 1 0 123 3 2612 | GS1_LINTER_COUPON_TOO_SHORT_FOR_EXPIRATION_DATE | \
            0061414123456151101233*2612*
            short start | 0061414 123456 1 5 1 1 0 123 4 | GS1_LINTER_COUPON_TOO_SHORT_FOR_START_DATE | \
            *0061414123456151101234*
            gcp vli 7 | 7061414 123456 1 5 1 1 0 123 | GS1_LINTER_COUPON_INVALID_GCP_LENGTH | *7*061414123456151101 23
            truncated gcp | 006 | GS1_LINTER_COUPON_TRUNCATED_GCP | 0*06*
            no gcp vli | '' | GS1_LINTER_COUPON_MISSING_GCP_VLI | **
            truncated offer | 0061414 123 | GS1_LINTER_COUPON_TRUNCATED_OFFER_CODE | 0061414*123*
            no save value vli | 0061414 123456 | GS1_LINTER_COUPON_MISSING_SAVE_VALUE_VLI | *0061414123456*
            save value vli 6 | 0061414 123456 6 | GS1_LINTER_COUPON_INVALID_SAVE_VALUE_LENGTH | 0061414123456*6*
            truncated save value | 0061414 123456 3 5 | GS1_LINTER_COUPON_TRUNCATED_SAVE_VALUE | 00614141234563*5*
            no 1st requirement vli | 0061414 123456 1 5 | GS1_LINTER_COUPON_MISSING_1ST_PURCHASE_REQUIREMENT_VLI | \
            *00614141234561 5*
            1st requirement code 5 | 0061414 123456 1 5 1 1 5 123 | \
            GS1_LINTER_COUPON_INVALID_1ST_PURCHASE_REQUIREMENT_CODE | 006141412345615 11*5*123
            truncated family | 0061414 123456 1 5 1 1 0 12 | GS1_LINTER_COUPON_TRUNCATED_1ST_PURCHASE_FAMILY_CODE | \
            00614141234561511 0*12*
            rules code 4 | 0061414 123456 1 5 1 1 0 123 1 4 | \
            GS1_LINTER_COUPON_INVALID_ADDITIONAL_PURCHASE_RULES_CODE | 0061414123456151101231*4*
            2nd gcp vli 7 | 0061414 123456 1 5 1 1 0 123 1 0 1 1 1 456 7 | \
            GS1_LINTER_COUPON_INVALID_2ND_PURCHASE_GCP_LENGTH | 00614141234561511012310111456*7*
            truncated 2nd gcp | 0061414 123456 1 5 1 1 0 123 1 0 1 1 1 456 0 061 | \
            GS1_LINTER_COUPON_TRUNCATED_2ND_PURCHASE_GCP | 006141412345615110123101114560*061*
            no serial vli | 0061414 123456 1 5 1 1 0 123 5 | GS1_LINTER_COUPON_MISSING_SERIAL_NUMBER_VLI | \
            *0061414123456151101235*
            truncated serial | 0061414 123456 1 5 1 1 0 123 5 0 123 | GS1_LINTER_COUPON_TRUNCATED_SERIAL_NUMBER | \
            00614141234561511012350*123*
            retailer vli 0 | 0061414 123456 1 5 1 1 0 123 6 0 0614141 | \
            GS1_LINTER_COUPON_INVALID_RETAILER_GCP_OR_GLN_LENGTH | 0061414123456151101236*0*0614141
            save value code 3 | 0061414 123456 1 5 1 1 0 123 9 3 | GS1_LINTER_COUPON_INVALID_SAVE_VALUE_CODE | \
            0061414123456151101239*3*
            applies to item 3 | 0061414 123456 1 5 1 1 0 123 9 0 3 | \
            GS1_LINTER_COUPON_INVALID_SAVE_VALUE_APPLIES_TO_ITEM | 00614141234561511012390*3*
            no store flag | 0061414 123456 1 5 1 1 0 123 9 0 0 | GS1_LINTER_COUPON_MISSING_STORE_COUPON_FLAG | \
            *00614141234561511012390 0*
            multiply flag 2 | 0061414 123456 1 5 1 1 0 123 9 0 0 0 2 | GS1_LINTER_COUPON_INVALID_DONT_MULTIPLY_FLAG \
            | 006141412345615110123900 0*2*
            excess | 0061414 123456 1 5 1 1 0 123 7 | GS1_LINTER_COUPON_EXCESS_DATA | 006141412345615110123*7*
            non-digit | 0061414 12345X | GS1_LINTER_NON_DIGIT_CHARACTER | 006141412345*X*
            """)
    void couponCodesFollowTheirFieldRules(String name, String fields, String code, String span) {
        String input = fields.replace(" ", "");
        LintError e = LINTERS.get("couponcode").lint(input, 0, input.length());
        assertEquals(couponExpected(code, span), describe(input, e), name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            valid | 1 0 061414 123456 0 123456 | OK |
            format 2 | 2 0 061414 123456 0 123456 | GS1_LINTER_COUPON_INVALID_FORMAT_CODE | *2*0061414123456012345 6
            no format | '' | GS1_LINTER_COUPON_MISSING_FORMAT_CODE | **
            no funder vli | 1 | GS1_LINTER_COUPON_MISSING_FUNDER_VLI | *1*
            funder vli 7 | 1 7 | GS1_LINTER_COUPON_INVALID_FUNDER_LENGTH | 1*7*
            truncated funder | 1 0 0614 | GS1_LINTER_COUPON_TRUNCATED_FUNDER | 10*0614*
            truncated offer | 1 0 061414 123 | GS1_LINTER_COUPON_TRUNCATED_OFFER_CODE | 10061414*123*
            no serial vli | 1 0 061414 123456 | GS1_LINTER_COUPON_MISSING_SERIAL_NUMBER_VLI | *10061414123456*
            truncated serial | 1 0 061414 123456 0 12 | GS1_LINTER_COUPON_TRUNCATED_SERIAL_NUMBER | \
            100614141234560*12*
            excess | 1 0 061414 123456 0 123456 7 | GS1_LINTER_COUPON_EXCESS_DATA | 1006141412345601234 56*7*
            non-digit | 1 0 06141x | GS1_LINTER_NON_DIGIT_CHARACTER | 1006141*x*
            """)
    void positiveOfferCouponsFollowTheirFieldRules(String name, String fields, String code, String span) {
        String input = fields.replace(" ", "");
        LintError e = LINTERS.get("couponposoffer").lint(input, 0, input.length());
        assertEquals(couponExpected(code, span), describe(input, e), name);
    }

    @Test
    void aCompanyPrefixLookupIsConsultedAndItsVerdictReported() {
        Linters refusing = LINTERS.withCompanyPrefixLookup((d, s, e) -> CompanyPrefixLookup.Verdict.NOT_ALLOCATED);
        Linters offline = LINTERS.withCompanyPrefixLookup((d, s, e) -> CompanyPrefixLookup.Verdict.OFFLINE);
        assertEquals(expected(Codes.INVALID_GCP_PREFIX, "*0614141000005*"),
                describe("0614141000005", refusing.get("gcppos1").lint("0614141000005", 0, 13)));
        assertEquals(expected(Codes.GCP_DATASOURCE_OFFLINE, "1*0614141*"),
                describe("10614141", offline.get("gcppos2").lint("10614141", 0, 8)));
        String coupon = "00614141234561511012361" + "0614141";
        assertEquals(expected(Codes.INVALID_GCP_PREFIX, "*0061414*" + coupon.substring(7)).replace("*0061414*",
                "0*061414*"), describe(coupon, refusing.get("couponcode").lint(coupon, 0, coupon.length())));
        assertNull(LINTERS.withCompanyPrefixLookup((d, s, e) -> CompanyPrefixLookup.Verdict.ALLOCATED)
                .get("couponcode").lint(coupon, 0, coupon.length()));
    }

    /** Random digit strings: the right check digit passes, each of the other nine fails on the last position. */
    @Test
    void theCheckDigitIsTheGs1Mod10Digit() {
        Random random = new Random(10);
        for (int n = 0; n < 500; n++) {
            StringBuilder body = new StringBuilder();
            for (int i = 0, len = 1 + random.nextInt(17); i < len; i++) {
                body.append((char) ('0' + random.nextInt(10)));
            }
            int sum = 0;
            for (int i = body.length() - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
                sum += (body.charAt(i) - '0') * weight;
            }
            int check = (10 - sum % 10) % 10;
            for (int digit = 0; digit < 10; digit++) {
                String data = body.toString() + digit;
                LintError e = LINTERS.get("csum").lint(data, 0, data.length());
                assertEquals(digit == check ? null : new LintError("GS1_LINTER_INCORRECT_CHECK_DIGIT",
                        data.length() - 1, data.length()), e, data);
            }
        }
    }

    /** Random CSET 82 strings with the pair computed here from the rule: it passes, any other pair fails. */
    @Test
    void theCheckCharacterPairFollowsTheRule() {
        String cset82 = CharacterSets.CSET82_CHARACTERS;
        String cset32 = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        List<Integer> primes = new ArrayList<>();
        for (int c = 2; primes.size() < 97; c++) {
            final int candidate = c;
            if (primes.stream().noneMatch(p -> candidate % p == 0)) {
                primes.add(c);
            }
        }
        Random random = new Random(82);
        for (int n = 0; n < 300; n++) {
            StringBuilder data = new StringBuilder();
            for (int i = 0, len = random.nextInt(30); i < len; i++) {
                data.append(cset82.charAt(random.nextInt(cset82.length())));
            }
            int sum = 0;
            for (int i = 0; i < data.length(); i++) {
                sum += cset82.indexOf(data.charAt(i)) * primes.get(data.length() - 1 - i);
            }
            sum %= 1021;
            String good = data.toString() + cset32.charAt(sum / 32) + cset32.charAt(sum % 32);
            assertNull(LINTERS.get("csumalpha").lint(good, 0, good.length()), good);
            String bad = data.toString() + cset32.charAt((sum / 32 + 1) % 32) + cset32.charAt(sum % 32);
            assertEquals("GS1_LINTER_INCORRECT_CHECK_PAIR", LINTERS.get("csumalpha").lint(bad, 0, bad.length())
                    .code(), bad);
        }
        String tooLong = "A".repeat(98) + "22";
        assertEquals("GS1_LINTER_TOO_LONG_FOR_CHECK_PAIR_IMPLEMENTATION",
                LINTERS.get("csumalpha").lint(tooLong, 0, tooLong.length()).code());
    }

    /** Random IBANs with check digits computed here (ISO 7064 mod 97-10): they pass, changed ones fail. */
    @Test
    void ibansCarryTheirMod97CheckDigits() {
        Random random = new Random(97);
        String alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for (int n = 0; n < 300; n++) {
            StringBuilder account = new StringBuilder();
            for (int i = 0, len = 7 + random.nextInt(24); i < len; i++) {
                account.append(alphanumeric.charAt(random.nextInt(alphanumeric.length())));
            }
            String country = random.nextBoolean() ? "DE" : "FR";
            String check = String.format("%02d", 98 - mod97(account + country + "00"));
            String iban = country + check + account;
            assertNull(LINTERS.get("iban").lint(iban, 0, iban.length()), iban);
            String wrong = country + String.format("%02d", (Integer.parseInt(check) + 1) % 100) + account;
            assertEquals("GS1_LINTER_INCORRECT_IBAN_CHECKSUM", LINTERS.get("iban").lint(wrong, 0, wrong.length())
                    .code(), wrong);
        }
    }

    /** Every code of the lists passes and every other code of the same shape fails. */
    @Test
    void codeListsAcceptTheirCodesAndNothingElse() throws IOException {
        Set<String> iso3166 = list("iso3166");
        Set<String> iso4217 = list("iso4217");
        for (int v = 0; v < 1000; v++) {
            String code = String.format("%03d", v);
            assertEquals(iso3166.contains(code), LINTERS.get("iso3166").lint(code, 0, 3) == null, code);
            assertEquals(iso3166.contains(code) || v == 999, LINTERS.get("iso3166999").lint(code, 0, 3) == null);
            assertEquals(iso4217.contains(code), LINTERS.get("iso4217").lint(code, 0, 3) == null, code);
        }
        Set<String> alpha2 = list("iso3166alpha2");
        for (char a = 'A'; a <= 'Z'; a++) {
            for (char b = 'A'; b <= 'Z'; b++) {
                String code = "" + a + b;
                assertEquals(alpha2.contains(code), LINTERS.get("iso3166alpha2").lint(code, 0, 2) == null, code);
            }
        }
        Set<String> packageTypes = list("packagetype");
        assertTrue(packageTypes.size() > 300, "package types: " + packageTypes.size());
        for (String code : packageTypes) {
            assertNull(LINTERS.get("packagetype").lint(code, 0, code.length()), code);
        }
    }

    private static Set<String> list(String name) throws IOException {
        String text;
        try (InputStream in = CodeLists.class.getResourceAsStream("code-lists.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> codes = new HashSet<>();
        boolean in = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("list ")) {
                in = line.substring(5).trim().equals(name);
            } else if (in && !line.startsWith("#")) {
                codes.addAll(List.of(line.trim().split("\\s+")));
            }
        }
        codes.remove("");
        return codes;
    }

    private static int mod97(String s) {
        int r = 0;
        for (char c : s.toCharArray()) {
            r = c <= '9' ? (r * 10 + (c - '0')) % 97 : (r * 100 + (c - 'A' + 10)) % 97;
        }
        return r;
    }

    private static String expected(String code, String span) {
        return code.equals("OK") ? "OK" : code + " " + span;
    }

    /** A coupon's expected description: spaces only separate its fields for reading, and are dropped. */
    private static String couponExpected(String code, String span) {
        return code.equals("OK") ? "OK" : expected(code, span.replace(" ", ""));
    }

    private static String describe(String input, LintError e) {
        return e == null ? "OK" : LinterVectorsTest.describe(input, e);
    }
}
