package io.tracegate.epcis.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/** One subcommand of the command line. */
public interface Command {

    /** Exit code for a usage error. */
    int USAGE = 64;

    /** One line for the help text: the arguments the command takes. */
    String usage();

    /**
     * Runs the command.
     *
     * @param args  the arguments after the command name
     * @param stdin the input for a {@code -} file argument
     * @param out   the standard output (not closed)
     * @param err   the standard error
     * @return the process exit code
     */
    int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err);
}
