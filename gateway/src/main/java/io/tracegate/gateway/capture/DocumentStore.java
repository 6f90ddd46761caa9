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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The raw bytes of every accepted capture document, content-addressed by SHA-256 under
 * {@code <data-dir>/documents/<first two hex digits>/<sha256>}, kept as long as {@link DocumentRetention} says.
 *
 * <p>Why files and not PostgreSQL: a document may be gigabytes; streaming it to a file while hashing costs one
 * sequential write, where a large object or bytea would go through the WAL twice and keep the capture transaction
 * open while the client is still uploading. The file is fsynced and renamed into place before the job row that names
 * it is committed, so a job never points at a missing or partial document; a re-posted document is stored once (its
 * file replaced by the same bytes, which marks it recently stored for the retention sweep).
 *
 * <p>Uploads are refused (507) while the file system has less than {@code tracegate.documents.min-free-space} free,
 * checked before the body is read and while it is written.
 */
@Component
public class DocumentStore {

    static final String TEMPORARY_SUFFIX = ".part";
    static final String EXPIRING_SUFFIX = ".expiring";
    private static final String MIN_FREE_SPACE = "tracegate.documents.min-free-space";
    /** Free space is looked at again after this many bytes written. */
    private static final long SPACE_CHECK_BYTES = 8L << 20;

    private final Path root;
    private final long minFreeBytes;
    private final ToLongFunction<Path> usableSpace;

    @Autowired
    DocumentStore(TracegateProperties properties, DocumentProperties documents) {
        this(properties.documentsDir(), documents.minFreeSpace().toBytes(), DocumentStore::usableSpace);
    }

    /** @param usableSpace the bytes free for this process on the file system of a directory */
    DocumentStore(Path root, long minFreeBytes, ToLongFunction<Path> usableSpace) {
        this.root = root;
        this.minFreeBytes = minFreeBytes;
        this.usableSpace = usableSpace;
    }

    /** A document kept: its SHA-256 (lower-case hex) and size. */
    public record StoredDocument(String sha256, long bytes) {
    }

    /**
     * Refuses (507) an upload of {@code declaredBytes} (its Content-Length, 0 when unknown) that would leave less than
     * the minimum free space.
     */
    void ensureSpaceFor(long declaredBytes) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the capture document directory " + root, e);
        }
        long free = usableSpace.applyAsLong(root);
        if (free - Math.max(0, declaredBytes) < minFreeBytes) {
            throw new ApiProblem(EpcisProblemType.IMPLEMENTATION, HttpStatus.INSUFFICIENT_STORAGE, "the gateway's"
                    + " document storage has " + megabytes(free) + " free" + (declaredBytes > 0 ? ", and this "
                    + megabytes(declaredBytes) + " document" : "") + " would leave less than " + MIN_FREE_SPACE
                    + " (" + megabytes(minFreeBytes) + "): nothing was stored; try again once space is freed");
        }
    }

    /**
     * Streams the body to durable storage while hashing it.
     *
     * @throws ApiProblem CaptureLimitExceededException when the body is longer than {@code maxBytes}; 507 when the
     *                    free space falls under the minimum; 408 or 400 when the client stalls or breaks off
     */
    public StoredDocument store(InputStream body, long maxBytes) {
        ensureSpaceFor(0);
        try {
            Path temporary = Files.createTempFile(root, "upload-", TEMPORARY_SUFFIX);
            try {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                long size = 0;
                long checkedAt = 0;
                byte[] buffer = new byte[64 * 1024];
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                     OutputStream out = Channels.newOutputStream(channel)) {
                    for (int n; (n = read(body, buffer, size)) > 0; ) {
                        size += n;
                        if (size > maxBytes) {
                            throw new ApiProblem(EpcisProblemType.CAPTURE_LIMIT_EXCEEDED,
                                    "the document is larger than the capture file size limit of " + maxBytes
                                            + " bytes (GS1-EPCIS-Capture-File-Size-Limit)");
                        }
                        if (size - checkedAt >= SPACE_CHECK_BYTES) {
                            ensureSpaceFor(0);
                            checkedAt = size;
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
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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

    /** Reads from the client; a stalled or broken-off upload is the client's error, not the gateway's. */
    private static int read(InputStream body, byte[] buffer, long sizeSoFar) {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            throw ApiProblem.unreadableBody(e, "nothing was stored (" + sizeSoFar + " bytes had come)");
        }
    }

    /** The stored bytes of a document. */
    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(path(sha256));
    }

    Path path(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /**
     * Every stored document's file and every upload's temporary file, which may be gone when the caller looks at it;
     * the caller closes the stream. Not {@link Files#walk}: it fails when a file goes while it looks at it.
     */
    Stream<Path> files() throws IOException {
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        List<Path> top;
        try (Stream<Path> entries = Files.list(root)) {
            top = entries.toList();
        }
        return top.stream().flatMap(entry -> Files.isDirectory(entry) ? list(entry) : Stream.of(entry));
    }

    private static Stream<Path> list(Path directory) {
        try {
            return Files.list(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes a document unless it was stored again since {@code since} (by an upload whose job may not be recorded
     * yet). Renaming it away first means that an upload of the same bytes racing this either finds no file and puts
     * its own in place, or left its fresh file here to be seen and put back.
     *
     * @return the bytes freed, or -1 when the document was kept
     */
    long deleteUnlessStoredSince(String sha256, Instant since) throws IOException {
        Path file = path(sha256);
        Path expiring = file.resolveSibling(sha256 + EXPIRING_SUFFIX);
        try {
            Files.move(file, expiring, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
            return -1;
        }
        if (!Files.getLastModifiedTime(expiring).toInstant().isBefore(since)) {
            Files.move(expiring, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return -1;
        }
        long bytes = Files.size(expiring);
        Files.delete(expiring);
        return bytes;
    }

    static String megabytes(long bytes) {
        return bytes < 10L << 20 ? String.format("%,d bytes", bytes) : String.format("%,d MB", bytes >> 20);
    }

    private static long usableSpace(Path directory) {
        try {
            return Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tell the free space of " + directory, e);
        }
    }
}
