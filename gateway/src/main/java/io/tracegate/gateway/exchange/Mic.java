package io.tracegate.gateway.exchange;

import java.util.Base64;

/**
 * A message integrity check: the base64 digest of what the sender signed (or sent), and its algorithm. Written
 * {@code <base64>, <alg>} in {@code Received-Content-MIC}; two MICs match when digests and algorithms are equal,
 * whichever spelling names the algorithm.
 */
record Mic(String digest, MicAlgorithm algorithm) {

    static Mic of(byte[] bytes, MicAlgorithm algorithm) {
        return ofDigest(algorithm.digest(bytes), algorithm);
    }

    static Mic ofDigest(byte[] digest, MicAlgorithm algorithm) {
        return new Mic(Base64.getEncoder().encodeToString(digest), algorithm);
    }

    /** {@code 7v7F++fQaNB1sVLFtMRp+dF+eG4=, sha-1}; the algorithm in either spelling. */
    static Mic parse(String field) {
        int comma = field == null ? -1 : field.lastIndexOf(',');
        if (comma < 0) {
            throw new MessageFormatException("the Received-Content-MIC '" + field + "' is not '<base64 digest>,"
                    + " <algorithm>'");
        }
        String name = field.substring(comma + 1).strip();
        MicAlgorithm algorithm = MicAlgorithm.find(name).orElseThrow(() -> new MessageFormatException(
                "the Received-Content-MIC names the unknown algorithm '" + name + "'"));
        return new Mic(field.substring(0, comma).strip(), algorithm);
    }

    String format(boolean oldNames) {
        return digest + ", " + algorithm.as2Name(oldNames);
    }

    @Override
    public String toString() {
        return format(false);
    }
}
