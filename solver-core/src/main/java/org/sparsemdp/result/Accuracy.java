package org.sparsemdp.result;

/**
 * The quality of a {@link org.sparsemdp.result.Solution}'s error bound (after PRISM's notion of accuracy).
 */
public enum Accuracy {
    /**
     * The values are the result of a finite computation that is exact in real arithmetic (an
     * acyclic backward pass, N steps of backward induction), up to its floating-point rounding.
     */
    EXACT,
    /**
     * The bound is proven: |v − v*| ≤ errorBound in every state, including the rounding errors of
     * the computation (see {@link org.sparsemdp.solve.RoundingBounds} for the discounted methods).
     */
    CERTIFIED,
    /** The bound is a heuristic estimate (for example "the last change was small"); no guarantee. */
    ESTIMATED
}
