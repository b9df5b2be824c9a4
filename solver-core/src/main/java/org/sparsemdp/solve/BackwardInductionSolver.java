package org.sparsemdp.solve;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * Exact backward induction for <em>acyclic</em> MDPs, any 0 &lt; γ ≤ 1 (finite-horizon and
 * stochastic-shortest-path models whose transition graph has no cycle, such as the substation
 * restoration model).
 *
 * <p><b>Algorithm.</b> Kahn's algorithm orders the states topologically over the edges
 * s → s' of every choice (all choices, all successors); a state left unordered lies on a cycle and
 * the model is rejected. Then, successors first, V(s) = opt<sub>c</sub> r(c) + γ Σ p(s'|c) V(s')
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
     * @throws IllegalArgumentException if the model has a cycle (naming a state on or behind it)
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
        final int n = mdp.numStates();
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        // out-degree counting over distinct edges is not needed: Kahn works with multi-edges
        int[] pending = new int[n]; // outgoing edges not yet resolved
        int[] inStart = new int[n + 1];
        for (int s = 0; s < n; s++) {
            for (int k = transStart[choiceStart[s]]; k < transStart[choiceStart[s + 1]]; k++) {
                pending[s]++;
                inStart[successor[k] + 1]++;
            }
        }
        for (int s = 0; s < n; s++) {
            inStart[s + 1] += inStart[s];
        }
        int[] fill = inStart.clone();
        int[] source = new int[inStart[n]];
        for (int s = 0; s < n; s++) {
            for (int k = transStart[choiceStart[s]]; k < transStart[choiceStart[s + 1]]; k++) {
                source[fill[successor[k]]++] = s;
            }
        }
        int[] order = new int[n];
        int tail = 0;
        for (int s = 0; s < n; s++) {
            if (pending[s] == 0) {
                order[tail++] = s;
            }
        }
        for (int head = 0; head < tail; head++) {
            int t = order[head];
            for (int i = inStart[t]; i < inStart[t + 1]; i++) {
                int s = source[i];
                if (--pending[s] == 0) {
                    order[tail++] = s;
                }
            }
        }
        if (tail < n) {
            for (int s = 0; s < n; s++) {
                if (pending[s] > 0) {
                    throw new IllegalArgumentException("method '" + NAME + "' needs an acyclic model, but state " + s
                            + " lies on or leads into a cycle; use an iterative method");
                }
            }
        }
        return order;
    }
}
