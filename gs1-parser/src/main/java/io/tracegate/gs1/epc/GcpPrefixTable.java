package io.tracegate.gs1.epc;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * GS1's GCP prefix length table ({@code gcpprefixformatlist}): for each key prefix, the length of the company
 * prefixes that start with it. Lookup takes the longest listed prefix of the digits; a listed length of 0 means GS1
 * cannot resolve that range, as does a missing prefix.
 *
 * <p>The build compiles GS1's JSON file (a build input taken from the openepcis translator jar, not a dependency)
 * into a small deflated resource with {@link #main}; {@link #standard()} reads that resource on first use. A newer
 * list from GS1 can be loaded at run time with {@link #fromGs1Json}.
 */
public final class GcpPrefixTable implements GcpLengthResolver {

    static final String RESOURCE = "gcp-prefix-lengths.bin";
    private static final int MAGIC = 0x47435031; // "GCP1"
    private static final int MAX_PREFIX = 12;
    private static final long[] POW10 = new long[MAX_PREFIX + 1];

    static {
        POW10[0] = 1;
        for (int i = 1; i <= MAX_PREFIX; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final String date;
    // Indexed by prefix length: the prefixes' numeric values, ascending, and their company prefix lengths.
    private final long[][] prefixes;
    private final byte[][] lengths;

    private GcpPrefixTable(String date, long[][] prefixes, byte[][] lengths) {
        this.date = date;
        this.prefixes = prefixes;
        this.lengths = lengths;
    }

    /** The table compiled into the library. */
    public static GcpPrefixTable standard() {
        return Standard.TABLE;
    }

    private static final class Standard {
        static final GcpPrefixTable TABLE = loadResource();
    }

    /** The date GS1 gave the list. */
    public String date() {
        return date;
    }

    /** Number of listed prefixes. */
    public int size() {
        int n = 0;
        for (long[] p : prefixes) {
            n += p.length;
        }
        return n;
    }

    @Override
    public int gcpLength(CharSequence digits) {
        int n = 0;
        long value = 0;
        while (n < MAX_PREFIX && n < digits.length()) {
            char c = digits.charAt(n);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            n++;
        }
        for (int len = n; len >= 1; len--, value /= 10) {
            int i = Arrays.binarySearch(prefixes[len], value);
            if (i >= 0) {
                return lengths[len][i];
            }
        }
        return UNKNOWN;
    }

    // ---- GS1's JSON list ----

    private static final Pattern DATE = Pattern.compile("\"date\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern OBJECT = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern PREFIX = Pattern.compile("\"prefix\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern LENGTH = Pattern.compile("\"gcpLength\"\\s*:\\s*\"?(\\d+)\"?");

    /**
     * Reads GS1's {@code gcpprefixformatlist.json} ({@code {"GCPPrefixFormatList":{"date":..,"entry":[{"prefix":..,
     * "gcpLength":..},..]}}}). Only the fields this table needs are read, so no JSON library is required.
     */
    public static GcpPrefixTable fromGs1Json(Reader json) throws IOException {
        StringBuilder b = new StringBuilder();
        char[] buf = new char[1 << 16];
        for (int n; (n = json.read(buf)) > 0; ) {
            b.append(buf, 0, n);
        }
        Matcher dm = DATE.matcher(b);
        String date = dm.find() ? dm.group(1) : "";
        List<TreeMap<Long, Integer>> byLength = new ArrayList<>();
        for (int i = 0; i <= MAX_PREFIX; i++) {
            byLength.add(new TreeMap<>());
        }
        Matcher om = OBJECT.matcher(b);
        int count = 0;
        while (om.find()) {
            String body = om.group(1);
            Matcher pm = PREFIX.matcher(body);
            if (!pm.find()) {
                continue;
            }
            String prefix = pm.group(1);
            Matcher lm = LENGTH.matcher(body);
            if (prefix.isEmpty() || prefix.length() > MAX_PREFIX || !prefix.chars().allMatch(Character::isDigit)
                    || !lm.find()) {
                throw new IOException("bad GCP prefix list entry: {" + body.strip() + "}");
            }
            int gcpLength = Integer.parseInt(lm.group(1));
            if (gcpLength > MAX_PREFIX) {
                throw new IOException("GCP length " + gcpLength + " out of range for prefix " + prefix);
            }
            Integer previous = byLength.get(prefix.length()).put(Long.parseLong(prefix), gcpLength);
            if (previous != null && previous != gcpLength) {
                throw new IOException("prefix " + prefix + " listed with lengths " + previous + " and " + gcpLength);
            }
            count++;
        }
        if (count == 0) {
            throw new IOException("no prefix entries found: not a GS1 GCP prefix format list");
        }
        long[][] prefixes = new long[MAX_PREFIX + 1][];
        byte[][] lengths = new byte[MAX_PREFIX + 1][];
        for (int len = 0; len <= MAX_PREFIX; len++) {
            TreeMap<Long, Integer> m = byLength.get(len);
            prefixes[len] = m.keySet().stream().mapToLong(Long::longValue).toArray();
            lengths[len] = new byte[m.size()];
            int i = 0;
            for (int v : m.values()) {
                lengths[len][i++] = (byte) v;
            }
        }
        return new GcpPrefixTable(date, prefixes, lengths);
    }

    // ---- the compiled resource: per prefix length, a count, delta-coded values, then the lengths; deflated ----

    void write(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION)));
        d.writeInt(MAGIC);
        d.writeUTF(date);
        for (int len = 1; len <= MAX_PREFIX; len++) {
            d.writeInt(prefixes[len].length);
            long previous = 0;
            for (long v : prefixes[len]) {
                writeVarLong(d, v - previous);
                previous = v;
            }
            d.write(lengths[len]);
        }
        d.close();
    }

    static GcpPrefixTable read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(new BufferedInputStream(new InflaterInputStream(in), 1 << 16));
        if (d.readInt() != MAGIC) {
            throw new IOException("not a compiled GCP prefix table");
        }
        String date = d.readUTF();
        long[][] prefixes = new long[MAX_PREFIX + 1][];
        byte[][] lengths = new byte[MAX_PREFIX + 1][];
        prefixes[0] = new long[0];
        lengths[0] = new byte[0];
        for (int len = 1; len <= MAX_PREFIX; len++) {
            int n = d.readInt();
            long[] values = new long[n];
            long v = 0;
            for (int i = 0; i < n; i++) {
                v += readVarLong(d);
                if (v >= POW10[len]) {
                    throw new IOException("corrupt GCP prefix table");
                }
                values[i] = v;
            }
            byte[] l = new byte[n];
            d.readFully(l);
            prefixes[len] = values;
            lengths[len] = l;
        }
        return new GcpPrefixTable(date, prefixes, lengths);
    }

    private static void writeVarLong(DataOutputStream d, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            d.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        d.writeByte((int) v);
    }

    private static long readVarLong(DataInputStream d) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = d.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("corrupt GCP prefix table");
    }

    private static GcpPrefixTable loadResource() {
        try (InputStream in = GcpPrefixTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the gs1-parser jar"
                        + " (the build compiles it from GS1's gcpprefixformatlist.json)");
            }
            return read(in);
        } catch (EOFException e) {
            throw new IllegalStateException("resource " + RESOURCE + " is truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Build step: compiles GS1's JSON list ({@code args[0]}) into the resource ({@code args[1]}). */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: GcpPrefixTable <gcpprefixformatlist.json> <output file>");
        }
        Path json = Path.of(args[0]);
        Path out = Path.of(args[1]);
        GcpPrefixTable table;
        try (Reader r = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
            table = fromGs1Json(r);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream o = Files.newOutputStream(out)) {
            table.write(o);
        }
        System.out.println("GCP prefix table " + table.date() + ": " + table.size() + " prefixes -> " + out
                + " (" + Files.size(out) + " bytes)");
    }
}
