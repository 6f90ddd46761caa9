package io.tracegate.gateway.compliance;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * {@code java -jar gateway.jar verify-export FILE.zip [--certificate=CERT.pem]}: checks an export bundle offline,
 * without starting the gateway or its database. The signature is checked against {@code --certificate} (the
 * gateway's, from {@code GET /exports/certificate}), by default {@code <data-dir>/compliance/signing.crt} of the
 * gateway on this machine ({@code --tracegate.data-dir}, default {@code ./data}). Exit 0 when everything holds, 1
 * naming the first file or audit link that does not, 2 for a bad command line.
 */
public final class VerifyExportCommand {

    public static final String NAME = "verify-export";

    private VerifyExportCommand() {
    }

    public static boolean isRequested(String[] args) {
        return args.length > 0 && args[0].equals(NAME);
    }

    public static int run(String[] args, PrintStream out) {
        Path bundle = null;
        Path certificate = null;
        Path dataDir = Path.of("data");
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--certificate=")) {
                certificate = Path.of(args[i].substring("--certificate=".length()));
            } else if (args[i].startsWith("--tracegate.data-dir=")) {
                dataDir = Path.of(args[i].substring("--tracegate.data-dir=".length()));
            } else if (bundle == null && !args[i].startsWith("--")) {
                bundle = Path.of(args[i]);
            } else {
                out.println("usage: java -jar gateway.jar verify-export FILE.zip [--certificate=CERT.pem]"
                        + " (unknown argument " + args[i] + ")");
                return 2;
            }
        }
        if (bundle == null) {
            out.println("usage: java -jar gateway.jar verify-export FILE.zip [--certificate=CERT.pem]");
            return 2;
        }
        if (certificate == null) {
            certificate = dataDir.resolve("compliance").resolve("signing.crt");
        }
        X509Certificate trusted;
        try (InputStream in = Files.newInputStream(certificate)) {
            trusted = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            out.println("FAILED: cannot read the gateway's certificate " + certificate + " (" + e.getMessage()
                    + "): give it with --certificate=CERT.pem (GET /exports/certificate)");
            return 1;
        }
        try {
            BundleVerifier.Verdict verdict = BundleVerifier.verify(bundle, trusted);
            out.println(verdict);
            return verdict.holds() ? 0 : 1;
        } catch (IOException e) {
            out.println("FAILED: " + bundle + ": cannot be read as a zip (" + e.getMessage() + ")");
            return 1;
        }
    }
}
