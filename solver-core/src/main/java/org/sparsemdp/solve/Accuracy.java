package org.sparsemdp.solve;

/**
 * The quality of a {@link Solution}'s error bound (after PRISM's notion of accuracy).
 */
public enum Accuracy {
    /** The values are exact up to floating-point rounding (for example an acyclic backward pass). */
    EXACT,
    /** The bound is proven: |v − v*| ≤ errorBound in every state, up to floating-point rounding. */
    CERTIFIED,
    /** The bound is a heuristic estimate (for example "the last change was small"); no guarantee. */
    ESTIMATED
}
