package io.tracegate.gateway.verify;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Loads {@code tracegate.verify.directory-file} into the lookup directory at start; a bad file stops the start. */
@Component
class DirectoryFile implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DirectoryFile.class);

    private final Directory directory;
    private final Path file;

    DirectoryFile(Directory directory, VerifyProperties properties) {
        this.directory = directory;
        this.file = properties.directoryFile();
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (file == null) {
            return;
        }
        try (Reader csv = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int loaded = directory.load(csv, "directory-file " + file.getFileName());
            log.info("Loaded {} lookup directory entries from {}", loaded, file);
        } catch (RuntimeException e) {
            throw new IllegalStateException("tracegate.verify.directory-file " + file + ": " + e.getMessage(), e);
        }
    }
}
