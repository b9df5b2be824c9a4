package org.sparsemdp.solve;

import org.sparsemdp.model.Mdp;

/**
 * The default parallel method for a discounted model: parallel Jacobi value iteration
 * ({@link ParallelValueIterationSolver}, {@code vi --threads T}) or the deterministic phased block
 * Gauss–Seidel ({@link ParallelGaussSeidelSolver}, {@code gs --threads T}), chosen from the
 * numbering of the model by a rule that depends on the model only (never on timing), so the same
 * model always gets the same method.
 *
 * <p><b>Rule.</b> Let L be the probability mass, summed over every choice, of the transitions
 * s → t with t &lt; s (successors a Gauss–Seidel sweep in increasing order has already updated) and
 * H that of the transitions with t &gt; s (self-loops count in neither). Choose {@code gs} when
 * L / (L + H) ≥ {@value #LOWER_FRACTION}, else {@code vi}. One pass over the transitions, no
 * allocation.
 *
 * <p><b>Why.</b> A Gauss–Seidel sweep gains over a Jacobi sweep only through the values it reads
 * already updated in the same sweep (Bertsekas &amp; Tsitsiklis, <i>Parallel and Distributed
 * Computation</i>, 1989, §2.6). When about half the mass points each way (random Garnet models, grid
 * worlds in row order) {@code gs} needs about half the sweeps of {@code vi} but its sweeps are
 * dearer (periodic Jacobi check sweeps, the phase barriers of the block schedule), and on grids its
 * Jacobi checks see the ramp of an in-place iterate: measured, {@code vi -t 2} was faster to ε on
 * every such model (BENCHMARKS.md, issue 26). When nearly all the mass points to lower-numbered
 * states (a model numbered from its absorbing end, a lopsided band), one Gauss–Seidel sweep carries
 * values across many states and {@code gs} needs several times fewer sweeps; the threshold is set
 * from the measurements in BENCHMARKS.md ("Default parallel method").
 */
public final class ParallelMethodChoice {
    /** The fraction L / (L + H) of lower-numbered successor mass from which {@code gs} is chosen. */
    public static final double LOWER_FRACTION = 0.75;

    private ParallelMethodChoice() {
    }

    /**
     * The parallel method for {@code mdp}: {@link ParallelGaussSeidelSolver} if
     * {@link #lowerSuccessorFraction(Mdp)} ≥ {@value #LOWER_FRACTION}, else
     * {@link ParallelValueIterationSolver}. Both use {@link SolverOptions#threads()} threads.
     */
    public static Solver forModel(Mdp mdp) {
        return lowerSuccessorFraction(mdp) >= LOWER_FRACTION ? new ParallelGaussSeidelSolver()
                : new ParallelValueIterationSolver();
    }

    /**
     * L / (L + H) of the class comment: the share of the transition mass (over all choices, self-loops
     * excluded) that leads to a lower-numbered state; 0.5 if there is no such mass at all.
     */
    public static double lowerSuccessorFraction(Mdp mdp) {
        final int n = mdp.numStates();
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final double[] probability = mdp.probabilityArray();
        double lower = 0;
        double higher = 0;
        for (int s = 0; s < n; s++) {
            for (int k = transStart[choiceStart[s]], end = transStart[choiceStart[s + 1]]; k < end; k++) {
                final int t = successor[k];
                if (t < s) {
                    lower += probability[k];
                } else if (t > s) {
                    higher += probability[k];
                }
            }
        }
        return lower + higher > 0 ? lower / (lower + higher) : 0.5;
    }
}
