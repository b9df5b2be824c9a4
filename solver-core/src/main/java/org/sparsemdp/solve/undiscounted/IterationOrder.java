package org.sparsemdp.solve.undiscounted;

/**
 * The certified method of the undiscounted objectives of {@link Reachability}: the order in
 * which interval iteration updates the states of a reduced system, or optimistic value
 * iteration. Every method delivers certified lower and upper vectors.
 */
public enum IterationOrder {
    /** Symmetric Gauss–Seidel sweeps over all states ({@code IntervalIteration}). */
    GLOBAL,
    /**
     * One strongly connected component at a time in reverse topological order, one-state
     * components solved in one step ({@code TopologicalIntervalIteration}).
     */
    TOPOLOGICAL,
    /**
     * Optimistic value iteration (Hartmanns &amp; Kaminski, CAV 2020): Gauss–Seidel sweeps of the
     * lower vector alone, then a guessed upper vector certified by one sweep that maps it below
     * itself ({@code OptimisticValueIteration}); needs no a-priori upper bound.
     */
    OPTIMISTIC,
    /**
     * Sound value iteration (Quatmann &amp; Katoen, CAV 2018): Gauss–Seidel sweeps of per-state
     * pairs (value so far, probability of not having left), from which both bounds follow
     * ({@code SoundValueIteration}); needs no a-priori bound.
     */
    SOUND,
    /**
     * Policy iteration for stochastic shortest paths: Krylov evaluation of proper policies on the
     * reduced system, the final values certified by outward-rounded check sweeps
     * ({@code SspPolicyIteration}).
     */
    POLICY
}
