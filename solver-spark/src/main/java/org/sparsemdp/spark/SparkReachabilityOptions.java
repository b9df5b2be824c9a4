package org.sparsemdp.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparsemdp.cli.EngineSupport;
import org.sparsemdp.io.LabelExpression;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.SolverOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The undiscounted options of {@code spark-solve} (a picocli mixin), named as those of the
 * single-machine {@code sparsemdp solve}: {@code --reach}/{@code --until} label expressions,
 * {@code --labels}, {@code --reward-structure} and {@code --relative}; solved by
 * {@link SparkReachability}.
 */
final class SparkReachabilityOptions {
    @Option(names = "--labels", paramLabel = "F",
            description = "Label file (PRISM or Storm .lab); repeatable, merged (as in solve: for .tra files it replaces the .lab beside it).")
    List<Path> labels = new ArrayList<>();

    @Option(names = "--reward-structure", paramLabel = "NAME|INDEX",
            description = "Reward structure for --until, by name or 1-based index (default: the first).")
    String rewardStructure;

    @Option(names = "--relative", description = "--reach/--until: stop when upper - lower <= epsilon * lower.")
    boolean relative;

    @ArgGroup(exclusive = true)
    Target target;

    /** The mutually exclusive undiscounted objectives. */
    static final class Target {
        @Option(names = "--reach", paramLabel = "LABEL_EXPR", required = true, description = "Optimal probability of"
                + " eventually reaching states satisfying LABEL_EXPR (labels with & | ! ( ); init, deadlock); discount 1.")
        String reach;

        @Option(names = "--until", paramLabel = "LABEL_EXPR", required = true, description = "Optimal expected reward"
                + " accumulated until first reaching LABEL_EXPR (Infinity where not reached with probability 1).")
        String until;
    }

    /** Whether {@code --reach} or {@code --until} was given. */
    boolean hasTarget() {
        return target != null;
    }

    /**
     * Reads {@code file} (with {@code --labels}), solves the objective on Spark and writes the
     * partitioned answer to {@code output} if given.
     *
     * @return 0 if converged, 1 if stopped by a limit (the bounds are still valid)
     * @throws IllegalArgumentException for bad input or a discounted model (end components are
     *                                  merged on the driver, see {@link SparkReachability})
     */
    int run(SparkConf conf, Path file, int partitions, int innerSweeps, SolverOptions options, Double discount,
            String objective, Path output, PrintWriter out) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException((target.reach != null ? "--reach" : "--until") + " needs a model file"
                    + " with labels, not --garnet");
        }
        LoadedModel loaded = EngineSupport.load(file, "auto", labels, null, null); // as solve reads FILE --labels
        Mdp mdp = rewardStructure == null ? loaded.mdp() : loaded.mdpWithRewards(rewardStructure); // as solve
        if (discount != null) {
            mdp = mdp.withDiscount(discount);
        }
        if (objective != null) {
            mdp = mdp.withObjective(Objective.parse(objective));
        }
        if (mdp.isDiscounted()) {
            throw new IllegalArgumentException((target.reach != null ? "--reach" : "--until") + " computes an"
                    + " undiscounted objective, but the model has discount " + mdp.discount() + "; add --discount 1");
        }
        BitSet states = LabelExpression.parse(target.reach != null ? target.reach : target.until).evaluate(loaded);
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            SparkReachability spark = new SparkReachability(sc, innerSweeps);
            try (DistributedModel model = DistributedModel.fromMdp(sc, mdp, partitions);
                 DistributedResult r = target.reach != null
                         ? spark.probability(model, mdp, states, mdp.objective(), options, relative)
                         : spark.reward(model, mdp, states, mdp.objective(), options, relative)) {
                if (output != null) {
                    PartitionedOutput.write(r, model, output);
                }
                out.printf(Locale.ROOT, "%s: %s after %d exchanges, error bound %.3g, %.3f s (%.1f ms/exchange,"
                                + " %d states, %d transitions, %d partitions)%n", r.method(), r.status(), r.iterations(),
                        r.errorBound(), r.seconds(), r.stats().secondsPerExchange() * 1e3, model.numStates(),
                        model.numTransitions(), model.numPartitions());
                out.flush();
                return r.status() == Status.CONVERGED ? 0 : 1;
            }
        }
    }
}
