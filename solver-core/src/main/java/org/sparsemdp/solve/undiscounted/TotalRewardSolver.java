package org.sparsemdp.solve.undiscounted;

import java.util.BitSet;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.Solver;
import org.sparsemdp.solve.SolverOptions;

/**
 * Expected total reward until a terminal state (stochastic shortest path, γ = 1) with certified
 * bounds: {@link Reachability#reward} with the terminal states (states without choices) as
 * target, in the model's direction (min: costs, max: rewards).
 *
 * <p>Semantics are those of Rmin/Rmax (see {@link Reachability}): the value is +∞ in states from
 * which no policy (min) or not every policy (max) terminates almost surely. This coincides with
 * the standard SSP assumptions (Bertsekas &amp; Tsitsiklis 1991: a proper policy exists and
 * improper ones have infinite cost) wherever the value is finite, and makes it well defined
 * elsewhere. The rewards must all have the same sign: non-negative as they are; if all are
 * non-positive the problem is solved for the negated rewards in the opposite direction and the
 * values negated back (so +∞ becomes −∞). Mixed signs are rejected.
 *
 * <p>Stopping rule and bounds: those of {@link IntervalIteration}, absolute ε; use
 * {@link #TotalRewardSolver(boolean)} for the relative criterion, and
 * {@link #TotalRewardSolver(boolean, IterationOrder)} for topological (SCC by SCC) iteration or
 * optimistic or sound value iteration, or policy iteration.
 * Sequential: {@link SolverOptions#threads()} &gt; 1 is rejected
 * ({@link org.sparsemdp.solve.ThreadsRefusedException}).
 */
public final class TotalRewardSolver implements Solver {
    /** Name on the command line. */
    public static final String NAME = "ii";
    /**
     * Name on the command line of optimistic value iteration ({@link IterationOrder#OPTIMISTIC}),
     * which solves the same undiscounted objectives.
     */
    public static final String OPTIMISTIC_NAME = "ovi";
    /**
     * Name on the command line of sound value iteration ({@link IterationOrder#SOUND}), which
     * solves the same undiscounted objectives.
     */
    public static final String SOUND_NAME = "svi";
    /**
     * Name on the command line of policy iteration for stochastic shortest paths
     * ({@link IterationOrder#POLICY}), which solves the same undiscounted objectives ({@code pi}
     * stays the discounted policy iteration).
     */
    public static final String POLICY_NAME = "ssp-pi";

    private final boolean relative;
    private final IterationOrder order;

    /** Absolute stopping criterion. */
    public TotalRewardSolver() {
        this(false);
    }

    /** Relative ({@code true}) or absolute stopping criterion. */
    public TotalRewardSolver(boolean relative) {
        this(relative, IterationOrder.GLOBAL);
    }

    /** Relative ({@code true}) or absolute stopping criterion, interval iteration in the given order. */
    public TotalRewardSolver(boolean relative, IterationOrder order) {
        if (order == null) {
            throw new IllegalArgumentException("iteration order must be given");
        }
        this.relative = relative;
        this.order = order;
    }

    /**
     * {@code ii}, or with the settings that differ from the default
     * ({@link org.sparsemdp.solve.VariantName}): {@code ii[stop=relative,order=topological]}. (The
     * {@link Solution#method()} of a run names the objective and order, e.g. {@code ii-rmin} or
     * {@code tii-rmin}, {@code -negated} for non-positive rewards, and {@code [stop=relative]}.)
     */
    @Override
    public String name() {
        return org.sparsemdp.solve.VariantName.of(NAME).with(relative, "stop", "relative")
                .with(order != IterationOrder.GLOBAL, "order", order == IterationOrder.TOPOLOGICAL ? "topological"
                        : order == IterationOrder.SOUND ? "sound" : order == IterationOrder.POLICY ? "policy"
                        : "optimistic").toString();
    }

    @Override
    public Solution solve(Mdp mdp, SolverOptions options) {
        if (mdp.isDiscounted()) {
            throw new IllegalArgumentException("method '" + NAME + "' solves undiscounted models (discount 1), but the"
                    + " model has discount " + mdp.discount() + "; use a discounted method such as 'vi'");
        }
        options.requireSequential(name());
        double[] r = mdp.rewardArray();
        boolean anyPositive = false;
        boolean anyNegative = false;
        for (double x : r) {
            anyPositive |= x > 0;
            anyNegative |= x < 0;
        }
        if (anyPositive && anyNegative) {
            throw new IllegalArgumentException("total reward until termination (discount 1) needs rewards of one sign,"
                    + " but the model has both positive and negative rewards; give a discount < 1");
        }
        BitSet terminal = new BitSet(mdp.numStates());
        for (int s = 0; s < mdp.numStates(); s++) {
            if (mdp.isTerminal(s)) {
                terminal.set(s);
            }
        }
        Objective dir = mdp.objective();
        if (!anyNegative) {
            return Reachability.reward(mdp, r, terminal, dir, options, relative, order);
        }
        double[] neg = new double[r.length];
        for (int c = 0; c < r.length; c++) {
            neg[c] = r[c] == 0.0 ? 0.0 : -r[c];
        }
        Solution s = Reachability.reward(mdp, neg, terminal, dir.opposite(), options, relative, order);
        String base = org.sparsemdp.solve.VariantName.base(s.method()); // "ii-rmax-negated[stop=relative]"
        return Solution.builder().method(base + "-negated" + s.method().substring(base.length())).status(s.status()).accuracy(s.accuracy())
                .values(negate(s.values())).bounds(negate(s.upper()), negate(s.lower())).policy(s.policy())
                .iterations(s.iterations()).residual(s.residual()).errorBound(s.errorBound())
                .policyBound(s.policyBound()).seconds(s.seconds()).build();
    }

    private static double[] negate(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }
}
