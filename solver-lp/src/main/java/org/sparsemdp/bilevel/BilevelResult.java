package org.sparsemdp.bilevel;

import java.util.Arrays;

/**
 * The answer of a bilevel solver. Arrays are not copied: the result is owned by its caller.
 *
 * @param method          {@code "milp"} or {@code "cuts"}
 * @param status          how the solve ended
 * @param x               the leader's decision (null if none)
 * @param objective       c·x + w·v for the reported x, with v the follower's values computed by the
 *                        library's MDP solver (within {@code followerErrorBound} of v*(x))
 * @param leaderCost      c·x
 * @param followerTerm    f(v) = w·v
 * @param lowerBound      a lower bound on the optimal objective (certified for {@code cuts}; SCIP's
 *                        dual bound for {@code milp})
 * @param upperBound      an upper bound on the objective of x: objective + ‖w‖₁·followerErrorBound
 * @param gap             upperBound − lowerBound (≥ 0 up to rounding)
 * @param iterations      oracle calls ({@code cuts}) or 1 ({@code milp})
 * @param followerValues  v, the follower's optimal values at x (per state)
 * @param followerPolicy  an optimal follower policy at x (global choice index per state, −1 for
 *                        terminal states)
 * @param followerErrorBound certified bound on ‖v − v*(x)‖∞
 * @param seconds         wall-clock time
 */
public record BilevelResult(String method, BilevelStatus status, double[] x, double objective, double leaderCost,
                            double followerTerm, double lowerBound, double upperBound, double gap, long iterations,
                            double[] followerValues, int[] followerPolicy, double followerErrorBound,
                            double seconds) {
    @Override
    public String toString() {
        return "BilevelResult[" + method + " " + status + ", objective=" + objective + ", x=" + Arrays.toString(x)
                + ", bounds=[" + lowerBound + ", " + upperBound + "], gap=" + gap + ", iterations=" + iterations + "]";
    }
}
