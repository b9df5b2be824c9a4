package org.sparsemdp.solve.average;

import java.util.BitSet;
import org.sparsemdp.graph.StronglyConnectedComponents;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.RunLimits;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.undiscounted.EndComponents;

/**
 * Optimal long-run average reward (gain) of every state, minimised or maximised, with certified
 * brackets: the entry point of this package.
 *
 * <p><b>Algorithm.</b> With {@value #RVI}, first an optimistic run of relative value iteration
 * on the whole model (terminal states absorbing with reward 0), with the transformed operator
 * T'v(s) = opt<sub>c</sub> [ r(c) + τ v(s) + (1 − τ) Σ p(c, s') v(s') ], τ =
 * {@value #DEFAULT_APERIODICITY} (Puterman §8.5.4: same gains, no periodic policy). For every v,
 * min(T'v − v) ≤ g*(s) ≤ max(T'v − v) in every state s of every model (the greedy policy π of v
 * has gain P*<sub>π</sub>(T'v − v) ≥ min; every policy σ has gain
 * P*<sub>σ</sub>(r<sub>σ</sub> + P'<sub>σ</sub>v − v) ≤ max; Puterman Theorem 8.5.5), so when
 * that bracket closes to 2ε the gain is certified, the same in every state within the bracket,
 * without any graph analysis. When it stalls (the bracket does not halve in 16 sweeps: the gains
 * differ between states, or mixing is slow), and always with {@value #PI}:
 * <ol>
 *   <li>The maximal end components (MECs) of the model ({@link EndComponents}); within each, the
 *       optimal gain is the same for every member (the MEC restricted to its internal choices is
 *       a communicating MDP, Puterman 1994, §9.5).</li>
 *   <li>The optimal gain of each MEC and a policy attaining it, with a certified bracket, by
 *       relative value iteration with the aperiodicity transformation ({@value #RVI}, Puterman
 *       §8.5) or by policy iteration ({@value #PI}, Puterman §8.6, with the same bracket from the
 *       span bounds of its final values).</li>
 *   <li>If one MEC holds every state, that is the answer. Otherwise the optimal way to reach the
 *       best MECs: the quotient in which every MEC is one state with a "stay" choice worth its
 *       gain (terminal states: gain 0), which has no end components, solved by certified interval
 *       iteration ({@link org.sparsemdp.solve.undiscounted.CumulativeReward}) once with the lower
 *       and once with the upper ends of the MEC brackets (Kretínský &amp; Meggendorfer, ATVA 2017,
 *       §3; de Alfaro 1997).</li>
 * </ol>
 * Terminal states (no choices) have gain 0.
 *
 * <p><b>Stopping rule.</b> Every state's bracket at most 2ε wide (ε =
 * {@link SolverOptions#epsilon()}): the whole-model run or a single block stops at 2ε; with
 * several MECs each stops at ε and the two quotient problems at ε/2 each. Every bracket is
 * widened by a floating-point term, 2((3b + 8)u + d)(max|r| + 2‖v‖∞ + |m|) for rows of at most
 * b transitions, u = 2<sup>−53</sup>, d the measured defect of the row sums from 1 and m the
 * gain estimate subtracted each sweep (a conservative forward-error bound on each computed
 * T'v(s) − v(s), Higham 2002, §3.1), so the brackets hold in floating point; a run stopped by a
 * limit still reports valid, wider brackets.
 *
 * <p>Sequential: {@link SolverOptions#threads()} &gt; 1 is rejected
 * ({@link org.sparsemdp.solve.ThreadsRefusedException}).
 */
public final class AverageReward {
    /** Relative value iteration. */
    public static final String RVI = "rvi";
    /** Policy iteration. */
    public static final String PI = "pi";
    /** Default weight τ of the aperiodicity transformation P' = τI + (1 − τ)P. */
    public static final double DEFAULT_APERIODICITY = 0.1;

    private AverageReward() {
    }

    /** {@link #solve(Mdp, double[], Objective, SolverOptions, String)} by relative value iteration. */
    public static AverageResult solve(Mdp mdp, double[] choiceReward, Objective direction, SolverOptions options) {
        return solve(mdp, choiceReward, direction, options, RVI);
    }

    /**
     * The optimal gain of every state of {@code mdp} for the per-choice rewards
     * {@code choiceReward} (null: the model's own), in {@code direction}.
     *
     * @param method {@value #RVI} or {@value #PI}
     * @throws IllegalArgumentException for a reward array of the wrong length, a non-finite reward
     *                                  or an unknown method
     */
    public static AverageResult solve(Mdp mdp, double[] choiceReward, Objective direction, SolverOptions options,
                                      String method) {
        final long start = System.nanoTime();
        double[] reward = choiceReward == null ? mdp.rewardArray() : choiceReward;
        checkRewards(mdp, reward);
        if (!RVI.equals(method) && !PI.equals(method)) {
            throw new IllegalArgumentException("average reward method must be '" + RVI + "' or '" + PI + "', not '"
                    + method + "'");
        }
        options.requireSequential(method);
        RunLimits limits = RunLimits.of(options);
        int n = mdp.numStates();
        long optimisticIterations = 0;
        double[] bias = new double[n];
        int[] policy = new int[n];
        java.util.Arrays.fill(policy, -1);
        if (RVI.equals(method)) {
            // optimistic whole-model run: its bracket holds in every state of any model, so if it
            // closes, the gain is certified without any graph analysis
            RviMecSolver whole = new RviMecSolver(mdp, reward, direction, DEFAULT_APERIODICITY);
            RelativeValueIteration.BlockGain g = whole.solve(null, null, options.epsilon(), limits, bias, policy, true);
            if (!g.stalled) {
                // a limit may stop it before it closes: the bracket holds everywhere, but the
                // gain is known to be constant only once it has closed
                return constant(method, g, n, bias, policy, -1, g.status == Status.CONVERGED, start);
            }
            optimisticIterations = g.iterations;
        }
        EndComponents mecs = stronglyConnected(mdp) ? null : maximalEndComponents(mdp);
        MecGainSolver inner = RVI.equals(method)
                ? new RviMecSolver(mdp, reward, direction, DEFAULT_APERIODICITY)
                : new PolicyIterationMecSolver(mdp, reward, direction);
        if (mecs == null || coversEverything(mdp, mecs)) {
            RelativeValueIteration.BlockGain g = inner.solve(null, null, options.epsilon(), limits, bias, policy);
            g.iterations += optimisticIterations;
            return constant(method, g, n, bias, policy, 1, true, start);
        }
        java.util.Arrays.fill(bias, 0.0);
        AverageResult r = new MultichainGain(mdp, mecs, inner, direction, options, limits)
                .solve(method, bias, policy, start);
        return optimisticIterations == 0 ? r : r.withExtraIterations(optimisticIterations);
    }

    private static AverageResult constant(String method, RelativeValueIteration.BlockGain g, int n, double[] bias,
                                          int[] policy, int endComponents, boolean constant, long start) {
        double[] lower = new double[n];
        double[] upper = new double[n];
        java.util.Arrays.fill(lower, g.lower);
        java.util.Arrays.fill(upper, g.upper);
        return new AverageResult(method, g.status, lower, upper, bias, policy, endComponents, constant, g.iterations,
                seconds(start));
    }

    private static void checkRewards(Mdp mdp, double[] reward) {
        if (reward.length != mdp.numChoices()) {
            throw new IllegalArgumentException("choiceReward has " + reward.length + " entries, the model "
                    + mdp.numChoices() + " choices");
        }
        for (int c = 0; c < reward.length; c++) {
            if (!Double.isFinite(reward[c])) {
                throw new IllegalArgumentException("reward of choice " + c + " (state " + mdp.stateOfChoice(c)
                        + ") is " + reward[c] + ": the gain needs finite rewards");
            }
        }
    }

    /**
     * Whether the graph of all choices is strongly connected and no state is terminal: then the
     * whole model is one end component with every choice internal (the common case of random
     * models), found by one Tarjan search instead of the end-component refinement.
     */
    private static boolean stronglyConnected(Mdp mdp) {
        for (int s = 0, n = mdp.numStates(); s < n; s++) {
            if (mdp.isTerminal(s)) {
                return false;
            }
        }
        return mdp.numStates() > 0 && StronglyConnectedComponents.of(mdp).count() == 1;
    }

    private static EndComponents maximalEndComponents(Mdp mdp) {
        int n = mdp.numStates();
        BitSet all = new BitSet(n);
        all.set(0, n);
        return EndComponents.maximal(mdp, all, null);
    }

    /** Whether one MEC holds every state with every choice (the whole model is one communicating block). */
    private static boolean coversEverything(Mdp mdp, EndComponents mecs) {
        if (mecs.count() != 1) {
            return false;
        }
        for (int s = 0, n = mdp.numStates(); s < n; s++) {
            if (mecs.componentOf(s) != 0) {
                return false;
            }
        }
        for (int c = 0, m = mdp.numChoices(); c < m; c++) {
            if (!mecs.isInternal(c)) {
                return false;
            }
        }
        return true;
    }

    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Convenience: {@link #solve(Mdp, double[], Objective, SolverOptions)} as a {@link Solution}. */
    public static Solution solution(Mdp mdp, double[] choiceReward, Objective direction, SolverOptions options) {
        return solve(mdp, choiceReward, direction, options).toSolution();
    }

    static Status worse(Status a, Status b) {
        return a == Status.CONVERGED ? b : a;
    }
}
