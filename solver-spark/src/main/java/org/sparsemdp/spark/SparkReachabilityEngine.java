package org.sparsemdp.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparsemdp.cli.EngineSupport;
import org.sparsemdp.io.LabelExpression;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.property.ReachRewardReports;
import org.sparsemdp.solve.SolverOptions;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The undiscounted part of {@code sparsemdp solve FILE --engine spark}: {@code --reach EXPR}
 * (Pmin/Pmax of eventually reaching the states satisfying the label expression) or
 * {@code --until EXPR} (Rmin/Rmax of the reward collected until first reaching them), in the
 * model's direction, at discount 1, solved by {@link SparkReachability} (distributed Prob0/Prob1
 * and interval iteration; stopping rule u − l ≤ ε, or ≤ ε·l with {@code --relative}).
 *
 * <p>The model, its labels ({@code --labels}), reward files and {@code --reward-structure} are
 * read exactly as {@code sparsemdp solve} reads them ({@link EngineSupport#load(Path, String, List,
 * Path, Path)}), and the target is evaluated with {@link LabelExpression} as {@code solve}'s
 * {@code --reach}/{@code --until} do. Refused with exit code 2: a discounted model (solve's message),
 * a {@code --method} other than {@value #METHOD}, and a partitioned directory (its index carries no
 * labels). Refused with exit code 1 (bad input, as {@code solve} treats a model it cannot solve):
 * {@code --until} on a model without rewards (as {@code solve}: {@link ReachRewardReports#requireRewards}),
 * and negative rewards for {@code --until} ({@code solve} negates rewards that are all ≤ 0). End
 * components among the states of unknown value for Pmax and Rmin are merged on the driver
 * ({@link SparkReachability}), as {@code --engine local} merges them. For {@code --until}, {@code solve}'s {@code infinity}
 * explanation is given too ({@link #infinityReason}).
 */
final class SparkReachabilityEngine {
    /** The options of {@code solve} honoured only with {@code --reach}/{@code --until}. */
    static final Set<String> OPTIONS = Set.of("--reach", "--until", "--labels", "--reward-structure", "--relative",
            "--state-rewards", "--transition-rewards");
    /** The only {@code --method} of the undiscounted objectives on Spark (also the default). */
    static final String METHOD = "ii";

    private final ParseResult parsed;
    private final CommandLine cl;
    private final boolean probability;
    private final String expression;
    private BitSet target;
    private LoadedModel loaded;

    /** Whether the {@code solve} command line asks for {@code --reach} or {@code --until}. */
    static boolean wanted(ParseResult solve) {
        return solve.hasMatchedOption("--reach") || solve.hasMatchedOption("--until");
    }

    SparkReachabilityEngine(ParseResult solve) {
        this.parsed = solve;
        this.cl = solve.commandSpec().commandLine();
        this.probability = solve.hasMatchedOption("--reach");
        this.expression = value(probability ? "--reach" : "--until");
    }

    /** {@code --reach} or {@code --until}, as given. */
    String option() {
        return probability ? "--reach" : "--until";
    }

    /** Refuses any {@code --method} but {@value #METHOD}, naming what works. */
    void checkMethod() {
        String m = value("--method");
        if (parsed.hasMatchedOption("--method") && !METHOD.equals(m)) {
            throw new ParameterException(cl, "--method " + m + " does not apply to --engine spark " + option()
                    + ": use " + METHOD + " (distributed interval iteration, the default)");
        }
    }

    /** Refuses a partitioned directory: its index carries no labels to evaluate the target on. */
    void refusePartitioned(Path dir) {
        throw new ParameterException(cl, option() + " does not apply to a partitioned directory (" + dir
                + "): its index carries no labels; solve the model file it was converted from with --engine spark");
    }

    /**
     * Reads {@code file} as {@code solve} does with the label and reward files of the command line,
     * evaluates the target expression on it, and returns its MDP with {@code --reward-structure}
     * selected (the model's own rewards without it).
     */
    Mdp load(Path file, String format) throws IOException {
        loaded = EngineSupport.load(file, format, value("--labels"), value("--state-rewards"),
                value("--transition-rewards"));
        String structure = value("--reward-structure");
        Mdp mdp = structure == null ? loaded.mdp() : loaded.mdpWithRewards(structure);
        target = LabelExpression.parse(expression).evaluate(loaded);
        return mdp;
    }

    /**
     * Refuses, with {@code solve}'s messages and exit codes, a discounted {@code mdp} (2: the
     * message names the option) and for {@code --until} a model without rewards (1,
     * {@link ReachRewardReports#requireRewards}).
     */
    void requireSolvable(Mdp mdp) {
        if (mdp.isDiscounted()) {
            throw new IllegalArgumentException(option() + " computes an undiscounted objective, but the model has"
                    + " discount " + mdp.discount() + "; add --discount 1");
        }
        if (!probability) {
            ReachRewardReports.requireRewards(loaded.withMdp(mdp));
        }
    }

    /**
     * Solves the objective on {@code model} (distributed from {@code mdp}, read by {@link #load})
     * in its direction; end components that Pmax or Rmin finds among the states of unknown value
     * are merged on the driver, which holds {@code mdp} anyway ({@link SparkReachability}).
     */
    DistributedResult solve(JavaSparkContext sc, DistributedModel model, Mdp mdp, SolverOptions options,
                            int innerSweeps) {
        SparkReachability spark = new SparkReachability(sc, innerSweeps);
        boolean relative = value("--relative");
        return probability ? spark.probability(model, mdp, target, model.objective(), options, relative)
                : spark.reward(model, mdp, target, model.objective(), options, relative);
    }

    /**
     * For {@code --until}, why some values of {@code r} are infinite, in the words of
     * {@code solve}'s {@code infinity} field ({@link ReachRewardReports#infinityReason}); null for
     * {@code --reach} or when every value is finite. One job collects the states whose two bounds
     * are +∞ (proved infinite by the graph analysis); {@code mdp} is the model solved, on the driver.
     */
    String infinityReason(DistributedResult r, Mdp mdp) {
        if (probability) {
            return null;
        }
        BitSet infinite = new BitSet(mdp.numStates());
        for (int[] states : r.blocks().map(SparkReachabilityEngine::infiniteStates).filter(a -> a.length > 0)
                .collect()) {
            for (int s : states) {
                infinite.set(s);
            }
        }
        return ReachRewardReports.infinityReason(mdp, target, infinite);
    }

    /** The states of the block whose lower and upper bounds are both infinite. */
    private static int[] infiniteStates(BlockSolution b) {
        int[] found = new int[b.values().length];
        int count = 0;
        for (int i = 0; i < found.length; i++) {
            if (Double.isInfinite(b.lower()[i]) && Double.isInfinite(b.upper()[i])) {
                found[count++] = b.lo() + i;
            }
        }
        return Arrays.copyOf(found, count);
    }

    @SuppressWarnings("unchecked")
    private <T> T value(String name) {
        return (T) parsed.commandSpec().findOption(name).getValue();
    }
}
