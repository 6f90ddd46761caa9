package io.tracegate.gs1.cli;

/** The command line itself is wrong (exit code 2, with the usage text). */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
