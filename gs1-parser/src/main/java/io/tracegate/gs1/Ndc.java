package io.tracegate.gs1;

/**
 * A US National Drug Code: labeler, product and package segments in one of the three 10-digit configurations
 * (4-4-2, 5-3-2, 5-4-1), with the 11-digit billing form (5-4-2, the short segment zero-padded) and the GS1 US
 * mapping into a GTIN: indicator digit, {@code 03}, the ten NDC digits, check digit (NDC {@code 0001-0123-45}
 * is GTIN {@code 00300010123455}). The digits alone do not show where the hyphens go: going from a GTIN or an
 * NDC-11 back to an NDC, the caller supplies the {@link Format} (from master data or the FDA NDC directory).
 *
 * @param labeler     the labeler code (4 or 5 digits)
 * @param product     the product code (3 or 4 digits)
 * @param packageCode the package code (1 or 2 digits)
 */
public record Ndc(String labeler, String product, String packageCode) {

    /** The segment lengths of an NDC-10. */
    public enum Format {
        /** 4-digit labeler, 4-digit product, 2-digit package. */
        L4_P4_K2(4, 4, 2),
        /** 5-digit labeler, 3-digit product, 2-digit package. */
        L5_P3_K2(5, 3, 2),
        /** 5-digit labeler, 4-digit product, 1-digit package. */
        L5_P4_K1(5, 4, 1);

        final int labeler;
        final int product;
        final int pack;

        Format(int labeler, int product, int pack) {
            this.labeler = labeler;
            this.product = product;
            this.pack = pack;
        }
    }

    public Ndc {
        if (labeler == null || product == null || packageCode == null
                || !digits(labeler) || !digits(product) || !digits(packageCode)
                || formatOf(labeler.length(), product.length(), packageCode.length()) == null) {
            throw new IllegalArgumentException("not an NDC-10 in 4-4-2, 5-3-2 or 5-4-1 digits: " + labeler + "-"
                    + product + "-" + packageCode);
        }
    }

    /** Parses a hyphenated NDC-10, e.g. {@code 0001-0123-45}. */
    public static Ndc parse(String hyphenated) {
        String[] parts = hyphenated.split("-", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("an NDC-10 is written labeler-product-package: '" + hyphenated + "'");
        }
        return new Ndc(parts[0], parts[1], parts[2]);
    }

    /** The NDC-10 of these ten digits cut as the format says. */
    public static Ndc of(String tenDigits, Format format) {
        if (tenDigits == null || tenDigits.length() != 10 || !digits(tenDigits)) {
            throw new IllegalArgumentException("an NDC-10 has ten digits: '" + tenDigits + "'");
        }
        int a = format.labeler;
        int b = a + format.product;
        return new Ndc(tenDigits.substring(0, a), tenDigits.substring(a, b), tenDigits.substring(b));
    }

    /** The NDC-10 an NDC-11 (11 digits, hyphens optional) was padded from, given the NDC-10's format. */
    public static Ndc fromNdc11(String ndc11, Format format) {
        String d = ndc11.replace("-", "");
        if (d.length() != 11 || !digits(d)) {
            throw new IllegalArgumentException("an NDC-11 has eleven digits (5-4-2): '" + ndc11 + "'");
        }
        String labeler = d.substring(0, 5);
        String product = d.substring(5, 9);
        String pack = d.substring(9);
        String padded = switch (format) {
            case L4_P4_K2 -> labeler;
            case L5_P3_K2 -> product;
            case L5_P4_K1 -> pack;
        };
        if (padded.charAt(0) != '0') {
            throw new IllegalArgumentException("NDC-11 '" + ndc11 + "' has no zero padding where format " + format
                    + " puts it");
        }
        return switch (format) {
            case L4_P4_K2 -> new Ndc(labeler.substring(1), product, pack);
            case L5_P3_K2 -> new Ndc(labeler, product.substring(1), pack);
            case L5_P4_K1 -> new Ndc(labeler, product, pack.substring(1));
        };
    }

    /** True when the GTIN carries an NDC: GS1 US prefix {@code 03} after the indicator digit. */
    public static boolean isNdcGtin(Gtin gtin) {
        return gtin.value().startsWith("03", 1);
    }

    /** The NDC inside a GTIN with the GS1 US {@code 03} prefix, hyphenated as the format says. */
    public static Ndc fromGtin(Gtin gtin, Format format) {
        if (!isNdcGtin(gtin)) {
            throw new IllegalArgumentException("GTIN " + gtin + " does not carry an NDC (no 03 after the indicator)");
        }
        return of(gtin.value().substring(3, 13), format);
    }

    public Format format() {
        return formatOf(labeler.length(), product.length(), packageCode.length());
    }

    /** The ten digits without hyphens. */
    public String digits() {
        return labeler + product + packageCode;
    }

    /** The 11-digit form, 5-4-2 with hyphens: the short segment is padded with a leading zero. */
    public String ndc11() {
        return "0".repeat(5 - labeler.length()) + labeler + "-" + "0".repeat(4 - product.length()) + product + "-"
                + "0".repeat(2 - packageCode.length()) + packageCode;
    }

    /** The base-unit GTIN-14 (indicator 0). */
    public Gtin toGtin() {
        return toGtin(0);
    }

    /** The GTIN-14 for a packaging level: indicator 0 (base unit) to 8, then {@code 03} and the NDC digits. */
    public Gtin toGtin(int indicator) {
        if (indicator < 0 || indicator > 8) {
            throw new IllegalArgumentException("GTIN indicator for an NDC is 0 to 8, not " + indicator);
        }
        return Gtin.withCheckDigit(indicator + "03" + digits());
    }

    @Override
    public String toString() {
        return labeler + "-" + product + "-" + packageCode;
    }

    private static Format formatOf(int l, int p, int k) {
        for (Format f : Format.values()) {
            if (f.labeler == l && f.product == p && f.pack == k) {
                return f;
            }
        }
        return null;
    }

    private static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
