package org.sparsemdp.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.sparsemdp.graph.StronglyConnectedComponents;
import org.sparsemdp.io.LabelExpression;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.property.Query;
import org.sparsemdp.property.QueryResult;
import org.sparsemdp.property.QuerySolvers;
import org.sparsemdp.solve.Solver;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.Solvers;
import org.sparsemdp.solve.TopologicalSolver;
import org.sparsemdp.solve.undiscounted.IterationOrder;
import org.sparsemdp.solve.undiscounted.TotalRewardSolver;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The {@code solve} options for labelled models and undiscounted objectives (a picocli mixin):
 * label and reward files, {@code --reach}/{@code --until} label expressions, {@code --cumulative},
 * {@code --reward-structure} and {@code --relative}.
 */
final class ReachabilityOptions {
    @Option(names = "--labels", paramLabel = "F",
            description = "Label file (PRISM or Storm .lab); repeatable, merged. For .tra files it replaces the .lab beside it.")
    List<Path> labels = new ArrayList<>();

    @Option(names = "--state-rewards", paramLabel = "F", description = "PRISM state reward file (.srew) for a .tra model.")
    Path stateRewards;

    @Option(names = "--transition-rewards", paramLabel = "F",
            description = "PRISM transition reward file (.trew) for a .tra model.")
    Path transitionRewards;

    @Option(names = "--reward-structure", paramLabel = "NAME|INDEX",
            description = "Reward structure to use, by name or 1-based index (default: the first).")
    String rewardStructure;

    @Option(names = "--relative", description = "Undiscounted objectives: stop when upper - lower <= epsilon * lower.")
    boolean relative;

    @ArgGroup(exclusive = true)
    Target target;

    /** The mutually exclusive reachability targets. */
    static final class Target {
        @Option(names = "--reach", paramLabel = "LABEL_EXPR", required = true,
                description = "Optimal probability of eventually reaching states satisfying LABEL_EXPR (labels with & | ! ( ); init, deadlock).")
        String reach;

        @Option(names = "--until", paramLabel = "LABEL_EXPR", required = true,
                description = "Optimal expected reward accumulated until first reaching LABEL_EXPR (Infinity where not reached with probability 1).")
        String until;

        @Option(names = "--cumulative", required = true,
                description = "Optimal expected total reward over the whole run, PRISM's R[C] (discount 1; Infinity where unbounded). With --discount G < 1: the discounted total reward, solved by --method.")
        boolean cumulative;
    }

    /** Loads the model with the files named by these options. */
    LoadedModel load(Path file, String format) throws IOException {
        return ModelFiles.loadModel(file, format, labels, stateRewards, transitionRewards);
    }

    /** The model's MDP with the selected reward structure (the model's own rewards if it has none). */
    Mdp mdp(LoadedModel model) {
        if (rewardStructure == null) {
            return model.mdp();
        }
        return model.mdpWithRewards(rewardStructure);
    }

    /**
     * Whether {@code --reach}, {@code --until} or (on an undiscounted model) {@code --cumulative}
     * was given: the objectives {@link #solveTarget} solves.
     */
    boolean hasTarget(Mdp mdp) {
        return target != null && !(target.cumulative && mdp.isDiscounted());
    }

    /**
     * The undiscounted method for {@code --method}: topological for {@code topological},
     * optimistic value iteration for {@code ovi}, sound value iteration for {@code svi}, policy
     * iteration for {@code ssp-pi}, global interval iteration for {@code ii} or no
     * {@code --method}.
     *
     * @throws IllegalArgumentException for any other method
     */
    static IterationOrder order(String method, boolean methodGiven) {
        if (methodGiven && !IterationOrder.isMethod(method)) {
            throw new IllegalArgumentException("objectives with discount 1 are solved by certified methods: --method "
                    + IterationOrder.methodList() + ", not '" + method + "'");
        }
        return IterationOrder.ofMethod(methodGiven ? method : null);
    }

    /**
     * Whether {@code method} solves only undiscounted objectives ({@code ii}, {@code ovi},
     * {@code svi}, {@code ssp-pi}).
     */
    static boolean undiscountedOnly(String method) {
        return IterationOrder.isMethod(method) && !method.equals(TopologicalSolver.NAME);
    }

    /**
     * Solves the {@code --reach}/{@code --until}/{@code --cumulative} objective on {@code mdp}
     * (rewards already selected), in the model's direction, as the {@link Query} of
     * {@link #query} (the shorthand of {@code Pmin/Pmax=? [ F L ]}, {@code R=? [ F L ]},
     * {@code R=? [ C ]}).
     *
     * @throws IllegalArgumentException if the model is discounted (these objectives are not)
     */
    QueryResult solveTarget(LoadedModel model, Mdp mdp, SolverOptions options, IterationOrder order) {
        if (mdp.isDiscounted()) {
            throw new IllegalArgumentException((target.reach != null ? "--reach" : "--until") + " computes an"
                    + " undiscounted objective, but the model has discount " + mdp.discount() + "; add --discount 1");
        }
        Query query = query(model, mdp);
        return QuerySolvers.forQuery(query, order, relative, null).solve(model.withMdp(mdp), query, options);
    }

    /** The query these shorthands stand for: Pmin/Pmax [F L], Rmin/Rmax [F L] or R[C], in the model's direction. */
    Query query(LoadedModel model, Mdp mdp) {
        if (target.cumulative) {
            return Query.totalReward(null, Query.UNBOUNDED, mdp.objective());
        }
        String expr = target.reach != null ? target.reach : target.until;
        BitSet states = LabelExpression.parse(expr).evaluate(model);
        return target.reach != null ? Query.reachProbability(null, states, Query.UNBOUNDED, mdp.objective())
                : Query.reachReward(null, states, mdp.objective());
    }

    /**
     * The solver for the whole-model objective: {@code method}, except that an undiscounted model
     * without an explicit {@code --method} gets the interval-iteration SSP solver.
     */
    Solver solver(String method, boolean methodGiven, Mdp mdp) {
        if (!mdp.isDiscounted() && (!methodGiven || method.equals(TotalRewardSolver.NAME))) {
            return new TotalRewardSolver(relative);
        }
        if (method.equals(TotalRewardSolver.OPTIMISTIC_NAME) || method.equals(TotalRewardSolver.SOUND_NAME)
                || method.equals(TotalRewardSolver.POLICY_NAME)) {
            if (mdp.isDiscounted()) {
                throw new IllegalArgumentException("method '" + method + "' solves undiscounted models (discount 1), but"
                        + " the model has discount " + mdp.discount() + "; use a discounted method such as 'vi'");
            }
            return new TotalRewardSolver(relative, order(method, true));
        }
        if (!mdp.isDiscounted() && method.equals(TopologicalSolver.NAME) && StronglyConnectedComponents.acyclicOrder(mdp) == null) {
            // cyclic: the topological method needs the undiscounted (interval iteration) analysis
            return new TotalRewardSolver(relative, IterationOrder.TOPOLOGICAL);
        }
        return Solvers.byName(method);
    }
}
