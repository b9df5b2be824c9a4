package org.sparsemdp.solve.average;

import java.util.Arrays;
import java.util.BitSet;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.RunLimits;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.undiscounted.EndComponents;

/**
 * The gain of a model with several maximal end components, or with states outside them: the
 * gain of each MEC by a {@link MecGainSolver}, then the optimal way to reach them by
 * {@link GainQuotient}; the policy stays in a MEC whose "stay" is optimal and otherwise walks,
 * by internal choices, to the member whose exit the quotient chose.
 */
final class MultichainGain {
    private final Mdp mdp;
    private final EndComponents mecs;
    private final MecGainSolver inner;
    private final Objective direction;
    private final SolverOptions options;
    private final RunLimits limits;

    MultichainGain(Mdp mdp, EndComponents mecs, MecGainSolver inner, Objective direction, SolverOptions options,
                   RunLimits limits) {
        this.mdp = mdp;
        this.mecs = mecs;
        this.inner = inner;
        this.direction = direction;
        this.options = options;
        this.limits = limits;
    }

    AverageResult solve(String method, double[] bias, int[] policy, long start) {
        int n = mdp.numStates();
        int count = mecs.count();
        int[][] members = GainQuotient.groupMembers(mecs, n, count);
        BitSet internal = new BitSet(mdp.numChoices());
        for (int c = 0, m = mdp.numChoices(); c < m; c++) {
            if (mecs.isInternal(c)) {
                internal.set(c);
            }
        }
        double[] mecLower = new double[count];
        double[] mecUpper = new double[count];
        Status status = Status.CONVERGED;
        long iterations = 0;
        double shift = 0.0;
        for (int i = 0; i < count; i++) {
            // brackets at most ε wide, then two quotient problems of width at most ε/2 each: 2ε in all
            RelativeValueIteration.BlockGain g = inner.solve(members[i], internal, options.epsilon() / 2, limits,
                    bias, policy);
            mecLower[i] = g.lower;
            mecUpper[i] = g.upper;
            shift = Math.min(shift, g.lower);
            iterations += g.iterations;
            status = AverageReward.worse(status, g.status);
        }
        GainQuotient quotient = GainQuotient.build(mdp, mecs);
        SolverOptions half = options.toBuilder().epsilon(options.epsilon() / 2).build();
        Solution low = quotient.solve(mecLower, shift, direction, half);
        Solution high = quotient.solve(mecUpper, shift, direction, half);
        status = AverageReward.worse(AverageReward.worse(status, low.status()), high.status());
        iterations += low.iterations() + high.iterations();
        double[] lower = new double[n];
        double[] upper = new double[n];
        for (int s = 0; s < n; s++) {
            int q = quotient.quotientState(s);
            double lo = (low.lower() != null ? low.lower()[q] : low.values()[q] - low.errorBound()) + shift;
            double hi = (high.upper() != null ? high.upper()[q] : high.values()[q] + high.errorBound()) + shift;
            // the shift and its removal round twice: widen by a few ulps of the magnitudes involved
            double rounding = 4 * RelativeValueIteration.UNIT_ROUNDOFF * (Math.abs(shift) + Math.abs(lo) + Math.abs(hi));
            lower[s] = lo - rounding;
            upper[s] = hi + rounding;
        }
        int[] quotientPolicy = low.policy();
        for (int s = 0; s < n; s++) {
            if (mecs.componentOf(s) < 0) {
                int qc = quotientPolicy[quotient.quotientState(s)];
                policy[s] = qc < 0 ? -1 : quotient.originChoice(qc);
            }
        }
        for (int i = 0; i < count; i++) {
            int qc = quotientPolicy[i];
            int exit = qc < 0 ? -1 : quotient.originChoice(qc);
            if (exit >= 0) {
                walkTo(members[i], mdp.stateOfChoice(exit), exit, internal, policy);
            }
        }
        return new AverageResult(method, status, lower, upper, bias, policy, count, false, iterations,
                AverageReward.seconds(start));
    }

    /**
     * Sets the policy of a MEC's members to reach {@code target} almost surely by internal
     * choices (backward breadth-first search: each member takes a choice with a successor one
     * layer closer), and {@code exit} at the target.
     */
    private void walkTo(int[] members, int target, int exit, BitSet internal, int[] policy) {
        int m = members.length;
        int[] local = new int[m];
        // predecessor lists over internal choices, local numbering by binary search in members
        int[] count = new int[m + 1];
        for (int u : members) {
            for (int c = mdp.choiceStart(u); c < mdp.choiceEnd(u); c++) {
                if (internal.get(c)) {
                    for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                        count[Arrays.binarySearch(members, mdp.successor(k)) + 1]++;
                    }
                }
            }
        }
        for (int i = 0; i < m; i++) {
            count[i + 1] += count[i];
        }
        int[] predChoice = new int[count[m]];
        int[] fill = Arrays.copyOf(count, m);
        for (int u : members) {
            for (int c = mdp.choiceStart(u); c < mdp.choiceEnd(u); c++) {
                if (internal.get(c)) {
                    for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                        predChoice[fill[Arrays.binarySearch(members, mdp.successor(k))]++] = c;
                    }
                }
            }
        }
        boolean[] done = new boolean[m];
        int head = 0;
        int tail = 0;
        int t = Arrays.binarySearch(members, target);
        done[t] = true;
        policy[target] = exit;
        local[tail++] = t;
        while (head < tail) {
            int w = local[head++];
            for (int j = count[w]; j < count[w + 1]; j++) {
                int c = predChoice[j];
                int u = Arrays.binarySearch(members, mdp.stateOfChoice(c));
                if (!done[u]) {
                    done[u] = true;
                    policy[members[u]] = c;
                    local[tail++] = u;
                }
            }
        }
    }
}
