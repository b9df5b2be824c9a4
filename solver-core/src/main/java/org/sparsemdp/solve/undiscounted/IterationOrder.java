package org.sparsemdp.solve.undiscounted;

/**
 * The certified method of the undiscounted objectives of {@link Reachability}: the order in
 * which interval iteration updates the states of a reduced system, or optimistic value
 * iteration. Every method delivers certified lower and upper vectors. Each has the method name
 * the command line, the query solvers and the refusals use:
 * {@link #methodName()} and {@link #ofMethod(String)} are the one mapping between them.
 */
public enum IterationOrder {
    /** Symmetric Gauss–Seidel sweeps over all states ({@code IntervalIteration}). */
    GLOBAL(TotalRewardSolver.NAME),
    /**
     * One strongly connected component at a time in reverse topological order, one-state
     * components solved in one step ({@code TopologicalIntervalIteration}).
     */
    TOPOLOGICAL(org.sparsemdp.solve.TopologicalSolver.NAME),
    /**
     * Optimistic value iteration (Hartmanns &amp; Kaminski, CAV 2020): Gauss–Seidel sweeps of the
     * lower vector alone, then a guessed upper vector certified by one sweep that maps it below
     * itself ({@code OptimisticValueIteration}); needs no a-priori upper bound.
     */
    OPTIMISTIC(TotalRewardSolver.OPTIMISTIC_NAME),
    /**
     * Sound value iteration (Quatmann &amp; Katoen, CAV 2018): Gauss–Seidel sweeps of per-state
     * pairs (value so far, probability of not having left), from which both bounds follow
     * ({@code SoundValueIteration}); needs no a-priori bound.
     */
    SOUND(TotalRewardSolver.SOUND_NAME),
    /**
     * Policy iteration for stochastic shortest paths: Krylov evaluation of proper policies on the
     * reduced system, the final values certified by outward-rounded check sweeps
     * ({@code SspPolicyIteration}).
     */
    POLICY(TotalRewardSolver.POLICY_NAME);

    private final String methodName;

    IterationOrder(String methodName) {
        this.methodName = methodName;
    }

    /** The method name: {@code ii}, {@code topological}, {@code ovi}, {@code svi} or {@code ssp-pi}. */
    public String methodName() {
        return methodName;
    }

    /**
     * The order of a method name; null means the default, {@link #GLOBAL}.
     *
     * @throws IllegalArgumentException for a name that is none of {@link #methodName()}'s, naming them all
     */
    public static IterationOrder ofMethod(String method) {
        if (method == null) {
            return GLOBAL;
        }
        for (IterationOrder order : values()) {
            if (order.methodName.equals(method)) {
                return order;
            }
        }
        throw new IllegalArgumentException("objectives with discount 1 are solved by certified methods: "
                + methodList() + ", not '" + method + "'");
    }

    /** The method names for messages: "ii (interval iteration, the default), topological, ovi, svi or ssp-pi". */
    public static String methodList() {
        return GLOBAL.methodName + " (interval iteration, the default), " + TOPOLOGICAL.methodName + ", "
                + OPTIMISTIC.methodName + ", " + SOUND.methodName + " or " + POLICY.methodName;
    }

    /** Whether {@code method} names one of these orders. */
    public static boolean isMethod(String method) {
        for (IterationOrder order : values()) {
            if (order.methodName.equals(method)) {
                return true;
            }
        }
        return false;
    }
}
