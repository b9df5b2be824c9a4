package org.sparsemdp.solve;

/**
 * One in-place sweep over all states (Gauss–Seidel, SOR, asynchronous parallel Gauss–Seidel),
 * writing min/max of the change (new − old value) into {@code range}.
 */
@FunctionalInterface
interface InPlaceStep {
    void sweep(double[] v, double[] range);

    /** Told the span of the change of each failed Jacobi check (for adaptive sweeps). */
    default void checkFailed(double span) {
    }
}
