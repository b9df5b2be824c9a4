package org.sparsemdp.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import org.sparsemdp.cli.SparseMdpCli;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The Spark launcher's command line ({@code solver-spark/bin/sparsemdp}): exactly the
 * {@code sparsemdp} command line ({@link SparseMdpCli}: the same commands, options, checks, messages
 * and exit codes), with these options added to {@code solve}:
 *
 * <ul>
 *   <li>{@code --engine local|spark} (default local: the single-machine solve, unchanged);</li>
 *   <li>{@code --master URL} (default {@value #DEFAULT_MASTER}; ignored when spark-submit sets
 *       {@code spark.master}), {@code --partitions P} (blocks for a model file; a partitioned
 *       directory keeps the blocks of its conversion), {@code --inner-sweeps K} (for {@code --method gs})
 *       and {@code --output-partitioned DIR} ({@link PartitionedOutput}), all for {@code --engine spark}
 *       only.</li>
 * </ul>
 *
 * {@code solve --engine spark} is run by {@link SparkSolveEngine}; every other command line is
 * run as {@code sparsemdp} runs it.
 */
public final class SparkCli {
    /** The engine option. */
    static final String ENGINE = "--engine";
    static final String MASTER = "--master";
    static final String PARTITIONS = "--partitions";
    static final String INNER_SWEEPS = "--inner-sweeps";
    static final String OUTPUT_PARTITIONED = "--output-partitioned";
    /** Default Spark master. */
    public static final String DEFAULT_MASTER = "local[2]";
    /** Default number of blocks when a model file is partitioned on the driver. */
    public static final int DEFAULT_PARTITIONS = 4;
    /** The options that only {@code --engine spark} uses. */
    static final Set<String> SPARK_ONLY = Set.of(MASTER, PARTITIONS, INNER_SWEEPS, OUTPUT_PARTITIONED);

    private SparkCli() {
    }

    /** Entry point of {@code bin/sparsemdp}. */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams; returns the exit code (used by tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = SparseMdpCli.commandLine(out, err, SparkCli::dispatch);
        addSolveOptions(cl.getSubcommands().get("solve").getCommandSpec());
        return SparseMdpCli.execute(cl, args);
    }

    private static void addSolveOptions(CommandSpec solve) {
        solve.addOption(OptionSpec.builder(ENGINE).paramLabel("local|spark").type(String.class).defaultValue("local")
                .description("Where to solve: local (this JVM, default) or spark (distributed value iteration on"
                        + " Apache Spark: --method vi or gs, discounted models; --reach/--until at discount 1 by interval"
                        + " iteration).").build());
        solve.addOption(OptionSpec.builder(MASTER).paramLabel("URL").type(String.class).defaultValue(DEFAULT_MASTER)
                .description("Spark master for --engine spark (default: ${DEFAULT-VALUE}; spark-submit's"
                        + " spark.master wins).").build());
        solve.addOption(OptionSpec.builder(PARTITIONS).paramLabel("P").type(Integer.class)
                .description("Blocks of states for --engine spark (default " + DEFAULT_PARTITIONS + " for a model"
                        + " file; a partitioned directory keeps its own).").build());
        solve.addOption(OptionSpec.builder(INNER_SWEEPS).paramLabel("K").type(Integer.class)
                .description("Block sweeps per exchange for --engine spark --method gs or --reach/--until (default "
                        + SparkValueIteration.DEFAULT_INNER_SWEEPS + ").").build());
        solve.addOption(OptionSpec.builder(OUTPUT_PARTITIONED).paramLabel("DIR").type(Path.class)
                .description("--engine spark: also write part-NNNNN.csv per block (state,value,lower,upper,action)"
                        + " and summary.json from the executors into DIR (a path every executor can write).").build());
    }

    /** After the common checks: {@code solve --engine spark} here, everything else as {@code sparsemdp}. */
    private static int dispatch(ParseResult parsed) {
        ParseResult solve = parsed.subcommand();
        if (solve != null && "solve".equals(solve.commandSpec().name()) && !solve.isUsageHelpRequested()
                && !solve.isVersionHelpRequested()) {
            CommandLine cl = solve.commandSpec().commandLine();
            String engine = solve.matchedOptionValue(ENGINE, "local");
            if ("spark".equals(engine)) {
                try {
                    return new SparkSolveEngine(solve).call();
                } catch (CommandLine.ParameterException | CommandLine.ExecutionException e) {
                    throw e;
                } catch (Exception e) {
                    throw new CommandLine.ExecutionException(cl, String.valueOf(e.getMessage()), e);
                }
            }
            if (!"local".equals(engine)) {
                throw new CommandLine.ParameterException(cl, "Invalid value for option '" + ENGINE
                        + "': expected local or spark, got " + engine);
            }
            for (String o : SPARK_ONLY) {
                if (solve.hasMatchedOption(o)) {
                    throw new CommandLine.ParameterException(cl, o + " applies to --engine spark only");
                }
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }
}
