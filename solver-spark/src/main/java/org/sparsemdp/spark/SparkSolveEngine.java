package org.sparsemdp.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparsemdp.cli.EngineSupport;
import org.sparsemdp.cli.SparseMdpCli;
import org.sparsemdp.io.partitioned.PartitionIndex;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.SolverOptions;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code sparsemdp solve FILE --engine spark}: the options of {@code solve} that distributed value
 * iteration can honour, run on Spark, with the single-machine command's outputs and exit codes.
 *
 * <ul>
 *   <li>FILE is a model file in any format {@code solve} reads (read on the driver, then cut into
 *       {@code --partitions} blocks balanced by transitions and shipped), or a partitioned directory
 *       ({@code sparsemdp convert --partitions}), whose blocks the executors read
 *       ({@link DistributedModel#fromPartitioned}).</li>
 *   <li>{@code --method vi} (the default) is {@link SparkValueIteration.Method#JACOBI}, the same
 *       iterates as the single-machine {@code vi}; {@code --method gs} is block Gauss–Seidel. Honoured as
 *       in {@code solve}: {@code --format, --discount, --objective, --epsilon, --max-iterations,
 *       --time-limit, --output, --json, --show}, and {@code --threads 1}.</li>
 *   <li>Any other option of {@code solve} is refused with exit code 2, naming it, before anything is
 *       read; so are an undiscounted model and other methods.</li>
 *   <li>With {@code --reach EXPR} or {@code --until EXPR} (discount 1) the undiscounted objective is
 *       solved instead by {@link SparkReachabilityEngine} (distributed interval iteration,
 *       {@code --method ii}), which also honours {@code --labels, --reward-structure, --relative,
 *       --state-rewards, --transition-rewards} and {@code --inner-sweeps}; the outputs are the same.</li>
 *   <li>{@code --output} writes the CSV {@code state,value,action} of {@code solve}, streamed to the
 *       driver one block at a time ({@link DistributedAnswer#writeCsv}); {@code --json} and the text
 *       summary have the fields of {@code solve}'s ({@link DistributedAnswer}); the exit code is 0
 *       when converged, 3 when a limit stopped the run.</li>
 * </ul>
 */
final class SparkSolveEngine implements Callable<Integer> {
    /** The options of {@code solve} that the Spark engine honours (all others are refused). */
    static final Set<String> HONOURED = Set.of("--format", "--method", "--discount", "--objective", "--epsilon",
            "--max-iterations", "--time-limit", "--threads", "--output", "--json", "--show", SparkCli.ENGINE,
            SparkCli.MASTER, SparkCli.PARTITIONS, SparkCli.INNER_SWEEPS, SparkCli.OUTPUT_PARTITIONED);

    private final ParseResult parsed;
    private final CommandLine cl;

    SparkSolveEngine(ParseResult solve) {
        this.parsed = solve;
        this.cl = solve.commandSpec().commandLine();
    }

    @Override
    public Integer call() throws IOException {
        SparkReachabilityEngine reach = SparkReachabilityEngine.wanted(parsed) ? new SparkReachabilityEngine(parsed)
                : null;
        Set<String> honoured = HONOURED;
        if (reach != null) {
            honoured = new java.util.HashSet<>(HONOURED);
            honoured.addAll(SparkReachabilityEngine.OPTIONS);
        }
        for (OptionSpec o : parsed.matchedOptions()) {
            if (!honoured.contains(o.longestName())) {
                throw new ParameterException(cl, o.longestName() + " does not apply to --engine spark (" + (reach == null
                        ? "distributed value iteration of a discounted model" : "distributed interval iteration of "
                        + reach.option()) + "; options: " + String.join(", ", new java.util.TreeSet<>(honoured)) + ")");
            }
        }
        SparkValueIteration.Method method = null;
        if (reach == null) {
            method = method();
        } else {
            reach.checkMethod();
        }
        int threads = value("--threads");
        if (threads != 1) {
            throw new ParameterException(cl, "--threads " + threads + " does not apply to --engine spark: its"
                    + " parallelism is the cores of the Spark master and --partitions");
        }
        Integer partitions = value(SparkCli.PARTITIONS);
        Integer inner = value(SparkCli.INNER_SWEEPS);
        if (partitions != null && partitions < 1) {
            throw new ParameterException(cl, "Invalid value for option '--partitions': expected a positive number"
                    + " of blocks, got " + partitions);
        }
        if (inner != null && (inner < 1 || reach == null && method != SparkValueIteration.Method.BLOCK_GAUSS_SEIDEL)) {
            throw new ParameterException(cl, inner < 1 ? "Invalid value for option '--inner-sweeps': expected a"
                    + " positive number of sweeps, got " + inner : "--inner-sweeps applies to --method gs only (and"
                    + " to --reach/--until)");
        }
        Path partsDir = value(SparkCli.OUTPUT_PARTITIONED);
        if (partsDir != null && Files.exists(partsDir) && !Files.isDirectory(partsDir)) {
            throw new ParameterException(cl, "Invalid value for option '--output-partitioned': " + partsDir
                    + " is not a directory");
        }
        Path file = parsed.matchedPositionals().get(0).getValue();
        Double discount = value("--discount");
        String objective = value("--objective");
        // read (or check) the input before Spark starts, so bad input fails fast with the CLI's messages
        boolean partitioned = PartitionIndex.isPartitioned(file);
        Mdp mdp = null;
        double gamma;
        if (partitioned) {
            if (reach != null) {
                reach.refusePartitioned(file);
            }
            if (parsed.hasMatchedOption("--format")) {
                throw new ParameterException(cl, "--format does not apply to a partitioned directory");
            }
            PartitionIndex index = PartitionIndex.read(file);
            if (partitions != null && partitions != index.blocks().size()) {
                throw new ParameterException(cl, "--partitions " + partitions + " does not match the "
                        + index.blocks().size() + " blocks of " + file + " (cut at conversion: omit --partitions)");
            }
            gamma = discount != null ? discount : index.discount();
        } else {
            mdp = reach != null ? reach.load(file, value("--format")) : EngineSupport.load(file, value("--format")).mdp();
            if (discount != null) {
                mdp = mdp.withDiscount(discount);
            }
            if (objective != null) {
                mdp = mdp.withObjective(Objective.parse(objective));
            }
            gamma = mdp.discount();
        }
        if (reach != null) {
            reach.requireSolvable(mdp);
        } else if (!(gamma < 1)) {
            throw new ParameterException(cl, "--engine spark solves discounted models, but the discount is " + gamma
                    + " (give --discount G with G < 1, or solve with --engine local)");
        }
        SolverOptions.Builder ob = SolverOptions.builder().epsilon(value("--epsilon"));
        Long maxIterations = value("--max-iterations");
        Double timeLimit = value("--time-limit");
        if (maxIterations != null) {
            ob.maxIterations(maxIterations);
        }
        if (timeLimit != null) {
            ob.timeLimit(Duration.ofNanos((long) (timeLimit * 1e9)));
        }
        Path output = value("--output");
        boolean json = value("--json");
        int show = value("--show");
        PrintWriter out = cl.getOut();
        SparkConf conf = new SparkConf().setAppName("sparsemdp solve " + file.getFileName())
                .setIfMissing("spark.master", value(SparkCli.MASTER)).setIfMissing("spark.log.level", "WARN");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            try (DistributedModel loaded = partitioned ? DistributedModel.fromPartitioned(sc, file, 0)
                    : DistributedModel.fromMdp(sc, mdp, partitions != null ? partitions : SparkCli.DEFAULT_PARTITIONS)) {
                DistributedModel model = loaded;
                if (partitioned && discount != null) {
                    model = model.withDiscount(discount);
                }
                if (partitioned && objective != null) {
                    model = model.withObjective(Objective.parse(objective));
                }
                int sweeps = inner != null ? inner : SparkValueIteration.DEFAULT_INNER_SWEEPS;
                try (DistributedResult r = reach != null ? reach.solve(sc, model, mdp, ob.build(), sweeps)
                        : new SparkValueIteration(sc, method, sweeps).solve(model, ob.build())) {
                    if (partsDir != null) {
                        PartitionedOutput.write(r, model, partsDir);
                    }
                    if (output != null) {
                        DistributedAnswer.writeCsv(r, model, output);
                    }
                    DistributedAnswer answer = DistributedAnswer.of(r, model, show);
                    String infinity = reach != null ? reach.infinityReason(r, mdp) : null;
                    if (json) {
                        answer.printJson(out, infinity);
                    } else {
                        answer.printText(out, file.toString());
                        if (infinity != null) {
                            out.println("infinity " + infinity);
                        }
                        if (output != null) {
                            out.println("values and policy written to " + output);
                        }
                    }
                    return r.status() == Status.CONVERGED ? 0 : SparseMdpCli.EXIT_NOT_CONVERGED;
                }
            }
        }
    }

    /** {@code --method}: vi (Jacobi, the default) or gs (block Gauss–Seidel). */
    private SparkValueIteration.Method method() {
        String m = value("--method");
        switch (m) {
            case "vi":
                return SparkValueIteration.Method.JACOBI;
            case "gs":
                return SparkValueIteration.Method.BLOCK_GAUSS_SEIDEL;
            default:
                throw new ParameterException(cl, "--method " + m + " does not apply to --engine spark: use vi"
                        + " (distributed Jacobi value iteration, the iterates of vi) or gs (block Gauss-Seidel)");
        }
    }

    /** The value of option {@code name} of {@code solve} after parsing (its default when not given). */
    @SuppressWarnings("unchecked")
    private <T> T value(String name) {
        return (T) parsed.commandSpec().findOption(name).getValue();
    }
}
