package org.sparsemdp.solve;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * Exact backward induction for <em>acyclic</em> MDPs, any 0 &lt; γ ≤ 1 (finite-horizon and
 * stochastic-shortest-path models whose transition graph has no cycle, such as the substation
 * restoration model).
 *
 * <p><b>Algorithm.</b> Kahn's algorithm ({@link TopologicalOrder}) orders the states topologically over the edges
 * s → s' of every choice (all choices, all successors); if some state is left unordered the model has a cycle
 * and is rejected. Then, successors first, V(s) = opt<sub>c</sub> r(c) + γ Σ p(s'|c) V(s')
 * with opt = min or max by the objective, terminal states 0. Every value is computed once from
 * final successor values, so the result is exact up to floating-point rounding (accuracy EXACT,
 * error bound 0); one pass, O(S + T) time and memory. Reference: R. Bellman, <i>Dynamic
 * Programming</i>, Princeton 1957; M. L. Puterman, <i>Markov Decision Processes</i>, Wiley 1994,
 * §4.5. No stopping rule is needed; the options' limits and listener are not consulted.
 */
public final class BackwardInductionSolver implements Solver {
    /** Name on the command line. */
    public static final String NAME = "backward";

    @Override
    public String name() {
        return NAME;
    }

    /**
     * @throws IllegalArgumentException if the model has a cycle
     */
    @Override
    public Solution solve(Mdp mdp, SolverOptions options) {
        long start = System.nanoTime();
        int[] order = reverseTopologicalOrder(mdp);
        final int n = mdp.numStates();
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final double[] probability = mdp.probabilityArray();
        final double[] reward = mdp.rewardArray();
        final double gamma = mdp.discount();
        final boolean min = mdp.objective() == Objective.MINIMIZE;
        double[] v = new double[n];
        int[] policy = new int[n];
        for (int i = 0; i < n; i++) {
            int s = order[i];
            int best = -1;
            double bestQ = 0.0;
            for (int c = choiceStart[s]; c < choiceStart[s + 1]; c++) {
                double sum = 0.0;
                for (int k = transStart[c]; k < transStart[c + 1]; k++) {
                    sum += probability[k] * v[successor[k]];
                }
                double q = reward[c] + gamma * sum;
                if (best < 0 || (min ? q < bestQ : q > bestQ)) {
                    best = c;
                    bestQ = q;
                }
            }
            v[s] = best < 0 ? 0.0 : bestQ;
            policy[s] = best;
        }
        return Solution.builder().method(NAME).status(Status.CONVERGED).accuracy(Accuracy.EXACT).values(v)
                .bounds(v.clone(), v.clone()).policy(policy).iterations(1).residual(0.0).errorBound(0.0)
                .policyBound(0.0).seconds((System.nanoTime() - start) / 1e9).build();
    }

    /** States with every successor before its predecessors; throws if there is a cycle. */
    static int[] reverseTopologicalOrder(Mdp mdp) {
        int[] order = TopologicalOrder.successorsFirst(mdp);
        if (order == null) {
            throw new IllegalArgumentException("method '" + NAME + "' needs an acyclic model, but its transition"
                    + " graph has a cycle; use an iterative method");
        }
        return order;
    }
}
