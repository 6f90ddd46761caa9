package io.tracegate.gateway.capture;

import io.tracegate.gateway.config.TracegateProperties;
import io.tracegate.gateway.problem.ApiProblem;
import io.tracegate.gateway.problem.EpcisProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * The raw bytes of every accepted capture document, content-addressed by SHA-256 under
 * {@code <data-dir>/documents/<first two hex digits>/<sha256>}.
 *
 * <p>Why files and not PostgreSQL: a document may be gigabytes; streaming it to a file while hashing costs one
 * sequential write, where a large object or bytea would go through the WAL twice and keep the capture transaction
 * open while the client is still uploading. The file is fsynced and renamed into place before the job row that names
 * it is committed, so a job never points at a missing or partial document; a re-posted document is stored once.
 */
@Component
public class DocumentStore {

    private final Path root;

    DocumentStore(TracegateProperties properties) {
        this.root = properties.documentsDir();
    }

    /** A document kept: its SHA-256 (lower-case hex) and size. */
    public record StoredDocument(String sha256, long bytes) {
    }

    /**
     * Streams the body to durable storage while hashing it.
     *
     * @throws ApiProblem CaptureLimitExceededException when the body is longer than {@code maxBytes}
     */
    public StoredDocument store(InputStream body, long maxBytes) {
        try {
            Files.createDirectories(root);
            Path temporary = Files.createTempFile(root, "upload-", ".part");
            try {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                long size = 0;
                byte[] buffer = new byte[64 * 1024];
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                     OutputStream out = Channels.newOutputStream(channel)) {
                    for (int n; (n = body.read(buffer)) > 0; ) {
                        size += n;
                        if (size > maxBytes) {
                            throw new ApiProblem(EpcisProblemType.CAPTURE_LIMIT_EXCEEDED,
                                    "the document is larger than the capture file size limit of " + maxBytes
                                            + " bytes (GS1-EPCIS-Capture-File-Size-Limit)");
                        }
                        sha256.update(buffer, 0, n);
                        out.write(buffer, 0, n);
                    }
                    out.flush();
                    channel.force(true);
                }
                String hex = HexFormat.of().formatHex(sha256.digest());
                Path target = path(hex);
                Files.createDirectories(target.getParent());
                if (Files.exists(target)) {
                    Files.delete(temporary);
                } else {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                }
                return new StoredDocument(hex, size);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the capture document under " + root, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored bytes of a document. */
    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(path(sha256));
    }

    Path path(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }
}
