package org.sparsemdp.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sparsemdp} command: solves, evaluates, inspects and converts MDP files.
 *
 * <p>Exit codes: 0 success; 1 bad input (the message names file, line and problem); 2 bad usage
 * (an unknown option, a bad option value, an output that is an input: checked before the command
 * runs by {@link CommandChecks}); 3 the solver stopped before meeting its stopping rule (results
 * are still written, with their status and bound); 4 out of memory (the message names the heap
 * needed when known and the {@code -Xmx} to try; {@link CliErrors}).
 */
@Command(name = "sparsemdp", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Solves large sparse Markov decision processes with certified error bounds.",
        subcommands = {SolveCommand.class, EvaluateCommand.class, InfoCommand.class, ConvertCommand.class,
                GenerateCommand.class, GradientCommand.class, BilevelCommand.class, CommandLine.HelpCommand.class})
public final class SparseMdpCli {
    /** Exit code for bad input files or option values. */
    public static final int EXIT_BAD_INPUT = 1;
    /** Exit code for bad usage: unknown options, bad option values (picocli's own code for them). */
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;
    /** Exit code when the solver did not meet its stopping rule. */
    public static final int EXIT_NOT_CONVERGED = 3;
    /** Exit code when the heap is too small for the model or its solver. */
    public static final int EXIT_OUT_OF_MEMORY = 4;

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams; returns the exit code (used by tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return execute(commandLine(out, err, new CommandLine.RunLast()), args);
    }

    /**
     * The {@code sparsemdp} command line writing to {@code out} and {@code err}, with its usage
     * and error handling, whose commands run through {@code afterChecks} once the option values and
     * outputs have been checked (normally picocli's {@code RunLast}; another front end, such as the
     * Spark launcher, can take over a command there). Run it with {@link #execute}.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, CommandLine.IExecutionStrategy afterChecks) {
        CommandLine cl = new CommandLine(new SparseMdpCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionStrategy(new CommandChecks(afterChecks));
        cl.setParameterExceptionHandler((ex, badArgs) -> { // short: the message, suggestions, where help is
            CommandLine c = ex.getCommandLine();
            c.getErr().println("sparsemdp: " + org.sparsemdp.io.SafeText.escape(ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("sparsemdp: " + CliErrors.describe(ex));
            return CliErrors.exitCode(ex);
        });
        return cl;
    }

    /**
     * Executes {@code cl} (from {@link #commandLine}) on {@code args}, with the exit codes of the
     * class comment (an OutOfMemoryError anywhere is exit code 4 with one line); flushes its streams.
     */
    public static int execute(CommandLine cl, String... args) {
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) { // picocli passes Errors on; they end here
            cl = null; // let the model go before describing the error
            err.println("sparsemdp: " + CliErrors.describe(e));
            code = e instanceof OutOfMemoryError ? EXIT_OUT_OF_MEMORY : EXIT_BAD_INPUT;
        }
        out.flush();
        err.flush();
        return code;
    }
}
