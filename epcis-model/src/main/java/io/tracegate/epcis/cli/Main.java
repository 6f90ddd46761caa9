package io.tracegate.epcis.cli;

import io.tracegate.epcis.validation.ValidateCommand;
import io.tracegate.epcis.hash.HashCommand;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Entry point of {@code java -jar epcis-model.jar COMMAND ARGS}: looks the command up and runs it. */
public final class Main {

    /** The commands by name; a new subcommand is one more entry. */
    static Map<String, Command> commands() {
        Map<String, Command> commands = new LinkedHashMap<>();
        commands.put("convert", new ConvertCommand());
        commands.put("validate", new ValidateCommand());
        commands.put("hash", new HashCommand());
        return commands;
    }

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        int code = run(List.of(args), System.in, out, System.err);
        out.flush();
        System.exit(code);
    }

    /** Runs one command line; returns the exit code. */
    static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        Map<String, Command> commands = commands();
        Command command = args.isEmpty() ? null : commands.get(args.get(0));
        if (command == null) {
            if (!args.isEmpty() && !args.get(0).equals("--help")) {
                err.println("unknown command '" + args.get(0) + "'");
            }
            err.println("usage: java -jar epcis-model.jar COMMAND ARGS");
            commands.forEach((name, c) -> err.println("  " + name + " " + c.usage()));
            return args.isEmpty() || !args.get(0).equals("--help") ? Command.USAGE : 0;
        }
        return command.run(args.subList(1, args.size()), stdin, out, err);
    }
}
