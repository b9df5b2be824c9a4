package org.sparsemdp.solve.undiscounted;

/**
 * The order in which interval iteration updates the states of a reduced system (see
 * {@link Reachability}).
 */
public enum IterationOrder {
    /** Symmetric Gauss–Seidel sweeps over all states ({@code IntervalIteration}). */
    GLOBAL,
    /**
     * One strongly connected component at a time in reverse topological order, one-state
     * components solved in one step ({@code TopologicalIntervalIteration}).
     */
    TOPOLOGICAL
}
