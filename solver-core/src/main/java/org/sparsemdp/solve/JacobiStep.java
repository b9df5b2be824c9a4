package org.sparsemdp.solve;

/**
 * One Jacobi Bellman sweep over all states, sequential or parallel: {@code out = T v}, the greedy
 * choices into {@code policy}, and min/max of {@code out − v} into {@code range}. Lets the
 * drivers ({@link ValueIterationSolver}, {@link InPlaceIteration}) be shared by the sequential and
 * parallel methods.
 */
@FunctionalInterface
interface JacobiStep {
    void sweep(double[] v, double[] out, int[] policy, double[] range);
}
