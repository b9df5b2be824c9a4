package org.sparsemdp.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sparsemdp} command: solves, evaluates, inspects and converts MDP files.
 *
 * <p>Exit codes: 0 success; 1 bad input (the message names file, line and problem); 2 bad usage;
 * 3 the solver stopped before meeting its stopping rule (results are still written, with their
 * status and bound).
 */
@Command(name = "sparsemdp", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Solves large sparse Markov decision processes with certified error bounds.",
        subcommands = {SolveCommand.class, EvaluateCommand.class, InfoCommand.class, ConvertCommand.class,
                GenerateCommand.class, GradientCommand.class, BilevelCommand.class, CommandLine.HelpCommand.class})
public final class SparseMdpCli {
    /** Exit code for bad input files or option values. */
    public static final int EXIT_BAD_INPUT = 1;
    /** Exit code when the solver did not meet its stopping rule. */
    public static final int EXIT_NOT_CONVERGED = 3;

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams; returns the exit code (used by tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new SparseMdpCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("sparsemdp: " + CliErrors.describe(ex));
            return EXIT_BAD_INPUT;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
