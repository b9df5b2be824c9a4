package org.sparsemdp.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparsemdp.io.ModelFormats;
import org.sparsemdp.io.partitioned.PartitionIndex;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.solve.SolverOptions;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code spark-submit}-able entry point: solves a model file (any format of
 * {@link ModelFormats}, optionally compressed; read on the driver, then partitioned) or a Garnet model
 * generated on the executors, with {@link SparkValueIteration} (with {@code --reach}/{@code --until}:
 * {@link SparkReachability}, options {@link SparkReachabilityOptions}), and writes the partitioned
 * answer and {@code summary.json} ({@link PartitionedOutput}). Prints a one-line summary. A
 * partitioned directory ({@code sparsemdp convert --partitions}) is read by the executors.
 *
 * <p>The other entry point: {@link SparkCli} ({@code solver-spark/bin/sparsemdp solve --engine spark})
 * is the {@code sparsemdp} command line on Spark, with its CSV, JSON and exit codes; this class
 * remains for its own options (notably {@code --garnet}, a model generated on the executors) and
 * for existing {@code spark-submit --class org.sparsemdp.spark.SparkSolve} scripts.
 *
 * <p>Exit codes: 0 converged, 1 stopped by a limit or at the precision limit (the bound is still
 * valid), 2 bad input.
 */
@Command(name = "spark-solve", mixinStandardHelpOptions = true,
        description = "Solve an MDP on Apache Spark with certified bounds: discounted by distributed value iteration,"
                + " --reach/--until (discount 1) by distributed interval iteration.")
public final class SparkSolve implements Callable<Integer> {
    @ArgGroup(multiplicity = "1")
    Input input;

    static final class Input {
        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Model file in any format"
                + " sparsemdp reads (.mdp, .umb, .drn, .tra, .pomdp; gzip/xz allowed), read on the driver; or a"
                + " partitioned directory (sparsemdp convert --partitions), read by the executors (cut at"
                + " conversion: --partitions does not apply).")
        Path file;

        @Option(names = "--garnet", paramLabel = "S,A,B[,SEED]", description = "Generate a Garnet model (per-state"
                + " seeded) on the executors instead of reading a file.")
        String garnet;
    }

    @Option(names = "--master", defaultValue = "local[2]", description = "Spark master (default ${DEFAULT-VALUE});"
            + " ignored when spark-submit sets spark.master.")
    String master;

    @Option(names = "--partitions", defaultValue = "4", description = "Number of state blocks (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--method", defaultValue = "jacobi", description = "jacobi or block-gs (default ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--inner-sweeps", defaultValue = "4", description = "Block sweeps per exchange for block-gs"
            + " (default ${DEFAULT-VALUE}).")
    int innerSweeps;

    @Option(names = "--exchange", defaultValue = "auto", description = "How values reach the blocks: broadcast (the"
            + " whole vector), halo (each block only the values it reads), auto (halo where it moves at most half the"
            + " bytes; default ${DEFAULT-VALUE}). Same results bit for bit.")
    String exchange;

    @Option(names = "--epsilon", defaultValue = "1e-6", description = "Target: certified value and policy bounds at most"
            + " epsilon, rounding included (default ${DEFAULT-VALUE}).")
    double epsilon;

    @Option(names = "--max-iterations", description = "Cap on exchanges.")
    Long maxIterations;

    @Option(names = "--time-limit", paramLabel = "SECONDS", description = "Wall-time limit in seconds.")
    Double timeLimit;

    @Option(names = "--discount", paramLabel = "G", description = "Discount factor: overrides the file's; Garnet"
            + " default 0.95.")
    Double discount;

    @Option(names = "--objective", paramLabel = "min|max", description = "Override the file's objective.")
    String objective;

    @Option(names = "--output", paramLabel = "DIR", description = "Write part-NNNNN.csv per partition and"
            + " summary.json here (a path all executors can write).")
    Path output;

    @CommandLine.Mixin
    SparkReachabilityOptions undiscounted = new SparkReachabilityOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line; exits with the code described in the class comment. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with errors (bad input, bad options) reported in one line and exit code 2. */
    static CommandLine commandLine() {
        return new CommandLine(new SparkSolve())
                .setExecutionExceptionHandler((e, cl, parsed) -> {
                    cl.getErr().println("spark-solve: " + e.getMessage());
                    return 2;
                });
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SparkValueIteration.Method m = SparkValueIteration.Method.parse(method);
        SolverOptions.Builder ob = SolverOptions.builder().epsilon(epsilon);
        if (maxIterations != null) {
            ob.maxIterations(maxIterations);
        }
        if (timeLimit != null) {
            ob.timeLimit(Duration.ofNanos((long) (timeLimit * 1e9)));
        }
        SparkConf conf = new SparkConf().setAppName("sparsemdp spark-solve").setIfMissing("spark.master", master)
                .setIfMissing("spark.log.level", "WARN");
        if (undiscounted.hasTarget()) { // --reach / --until: SparkReachability
            return undiscounted.run(conf, input.file, partitions, innerSweeps, ob.build(), discount, objective, output,
                    out);
        }
        boolean partitioned = input.file != null && PartitionIndex.isPartitioned(input.file);
        if (partitioned) {
            PartitionIndex.read(input.file); // a bad index fails before Spark starts
        }
        Mdp mdp = input.file == null || partitioned ? null : read(input.file); // bad input fails before Spark starts
        GarnetSpec garnet = input.garnet == null ? null
                : GarnetSpec.parse(input.garnet, discount == null ? 0.95 : discount);
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            int blocks = spec.commandLine().getParseResult().hasMatchedOption("--partitions") ? partitions : 0;
            try (DistributedModel model = partitioned ? overridden(DistributedModel.fromPartitioned(sc, input.file, blocks))
                    : mdp != null ? DistributedModel.fromMdp(sc, mdp, partitions)
                    : DistributedModel.garnet(sc, garnet, partitions);
                 DistributedResult r = new SparkValueIteration(sc, m, innerSweeps, ValueExchange.Mode.parse(exchange))
                         .solve(model, ob.build())) {
                if (output != null) {
                    PartitionedOutput.write(r, model, output);
                }
                out.printf(Locale.ROOT, "%s: %s after %d exchanges, error bound %.3g, policy bound %.3g, %.3f s"
                                + " (%.1f ms/exchange, %d states, %d transitions, %d partitions)%n",
                        r.method(), r.status(), r.iterations(), r.errorBound(), r.policyBound(), r.seconds(),
                        r.stats().secondsPerExchange() * 1e3, model.numStates(), model.numTransitions(),
                        model.numPartitions());
                out.flush();
                return r.status() == org.sparsemdp.result.Status.CONVERGED ? 0 : 1;
            }
        }
    }

    private DistributedModel overridden(DistributedModel model) {
        DistributedModel m = discount != null ? model.withDiscount(discount) : model;
        return objective != null ? m.withObjective(Objective.parse(objective)) : m;
    }

    private Mdp read(Path file) throws java.io.IOException {
        Mdp mdp;
        try {
            mdp = ModelFormats.read(file).mdp(); // any format the library reads (org.sparsemdp.io.ModelFormats)
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (discount != null) {
            mdp = mdp.withDiscount(discount);
        }
        if (objective != null) {
            mdp = mdp.withObjective(Objective.parse(objective));
        }
        return mdp;
    }
}
