package io.tracegate.gateway.exchange;

import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gs1.Gln;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The body of {@code POST /partners} and {@code PUT /partners/{id}}; {@link #settings()} checks every field and
 * fills in the defaults. A refusal names the field and says what was wrong; it never quotes a certificate field.
 */
record PartnerRequest(String name, String as2Id, String url, String transport, List<String> glns,
        List<String> certificates, String signing, String encryption, Boolean compression, MdnRequest mdn,
        String documentForm, List<String> asyncMdnHosts, InteropRequest interop) {

    static final Set<String> DOCUMENT_FORMS = Set.of("1.2-xml-R1.2", "1.2-xml-R1.3", "2.0-xml", "2.0-jsonld");

    /** {@code async}: true, false, or the URL of ours the partner is to post the MDN to. */
    record MdnRequest(Boolean signed, Object async) {
    }

    record InteropRequest(Boolean micOverHeaders, Boolean micCanonicalization, Boolean oldDigestNames,
            Boolean cmsAlgorithmProtection, Boolean chunked, String transferEncoding) {
    }

    /** A partner's settings, checked, with defaults. */
    record Settings(String name, String as2Id, URI url, String transport, List<String> glns,
            List<X509Certificate> certificates, String signing, String encryption, boolean compression,
            Partner.MdnOptions mdn, String documentForm, List<String> asyncMdnHosts,
            Partner.InteropSwitches interop) {
    }

    Settings settings() {
        String checkedName = required("name", name);
        if (checkedName.length() > 200) {
            throw ApiProblem.validation("name: at most 200 characters, got " + checkedName.length());
        }
        String checkedAs2Id = As2Names.check("as2Id", required("as2Id", as2Id));
        URI checkedUrl = url("url", required("url", url));
        String checkedTransport = transport == null ? "as2" : transport.strip().toLowerCase(Locale.ROOT);
        if (!checkedTransport.equals("as2") && !checkedTransport.equals("https")) {
            throw ApiProblem.validation("transport: must be as2 or https, not '" + transport + "'");
        }
        if (checkedTransport.equals("https") && !checkedUrl.getScheme().equals("https")) {
            throw ApiProblem.validation("url: the https transport needs an https:// URL, not " + checkedUrl);
        }
        List<String> checkedGlns = new ArrayList<>();
        for (int i = 0; glns != null && i < glns.size(); i++) {
            try {
                checkedGlns.add(new Gln(glns.get(i)).value());
            } catch (IllegalArgumentException e) {
                throw ApiProblem.validation("glns[" + i + "]: " + e.getMessage());
            }
        }
        if (certificates == null || certificates.isEmpty() || certificates.size() > 2) {
            throw ApiProblem.validation("certificates: one or two PEM certificates (the current one and, during a"
                    + " rotation, its successor), got " + (certificates == null ? 0 : certificates.size()));
        }
        String checkedSigning = setting("signing", signing == null ? "sha256" : signing,
                s -> MicAlgorithm.setting(s).setting());
        String checkedEncryption = setting("encryption", encryption == null ? "aes256-cbc" : encryption,
                e -> EncryptionAlgorithm.setting(e).setting());
        List<X509Certificate> checkedCertificates = new ArrayList<>();
        for (int i = 0; i < certificates.size(); i++) {
            X509Certificate certificate;
            try {
                certificate = Pem.read(certificates.get(i));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.validation("certificates[" + i + "]: " + e.getMessage());
            }
            if (!certificate.getPublicKey().getAlgorithm().equals("RSA")) {
                throw ApiProblem.validation("certificates[" + i + "]: an RSA key is needed (AS2 key transport and"
                        + " signatures), this certificate has a " + certificate.getPublicKey().getAlgorithm()
                        + " key");
            }
            checkedCertificates.add(certificate);
        }
        boolean mdnSigned = mdn == null || mdn.signed() == null || mdn.signed();
        boolean mdnAsync = false;
        URI mdnUrl = null;
        if (mdn != null && mdn.async() != null) {
            if (mdn.async() instanceof Boolean flag) {
                mdnAsync = flag;
            } else if (mdn.async() instanceof String address) {
                mdnAsync = true;
                mdnUrl = url("mdn.async", address);
            } else {
                throw ApiProblem.validation("mdn.async: true, false or the URL the partner posts its MDN to");
            }
        }
        String form = documentForm == null ? "1.2-xml-R1.3" : documentForm.strip();
        if (!DOCUMENT_FORMS.contains(form)) {
            throw ApiProblem.validation("documentForm: one of " + DOCUMENT_FORMS.stream().sorted().toList()
                    + ", not '" + documentForm + "'");
        }
        List<String> hosts = asyncMdnHosts == null || asyncMdnHosts.isEmpty() ? List.of(checkedUrl.getHost())
                : asyncMdnHosts.stream().map(h -> required("asyncMdnHosts", h).toLowerCase(Locale.ROOT)).toList();
        return new Settings(checkedName, checkedAs2Id, checkedUrl, checkedTransport, checkedGlns,
                checkedCertificates, checkedSigning, checkedEncryption, compression != null && compression,
                new Partner.MdnOptions(mdnSigned, mdnAsync, mdnUrl), form, hosts, interopSwitches());
    }

    private Partner.InteropSwitches interopSwitches() {
        Partner.InteropSwitches d = Partner.InteropSwitches.DEFAULTS;
        if (interop == null) {
            return d;
        }
        String encoding = interop.transferEncoding() == null ? d.transferEncoding()
                : interop.transferEncoding().strip().toLowerCase(Locale.ROOT);
        if (!encoding.equals("binary") && !encoding.equals("base64")) {
            throw ApiProblem.validation("interop.transferEncoding: binary or base64, not '"
                    + interop.transferEncoding() + "'");
        }
        return new Partner.InteropSwitches(
                or(interop.micOverHeaders(), d.micOverHeaders()),
                or(interop.micCanonicalization(), d.micCanonicalization()),
                or(interop.oldDigestNames(), d.oldDigestNames()),
                or(interop.cmsAlgorithmProtection(), d.cmsAlgorithmProtection()),
                or(interop.chunked(), d.chunked()), encoding);
    }

    private static boolean or(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.validation(field + ": required");
        }
        return value.strip();
    }

    private static URI url(String field, String value) {
        try {
            URI uri = new URI(value.strip());
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw ApiProblem.validation(field + ": an absolute http:// or https:// URL, not '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ApiProblem.validation(field + ": not a URL: " + e.getMessage());
        }
    }

    private static String setting(String field, String value, java.util.function.UnaryOperator<String> check) {
        try {
            return check.apply(value);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.validation(field + ": " + e.getMessage());
        }
    }
}
