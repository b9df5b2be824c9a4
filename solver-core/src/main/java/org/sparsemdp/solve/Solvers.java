package org.sparsemdp.solve;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The registry of solver methods by command-line name ({@code vi}, ...), with their default
 * configurations.
 */
public final class Solvers {
    private static final Map<String, Supplier<Solver>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put(ValueIterationSolver.NAME, ValueIterationSolver::new);
        BY_NAME.put(GaussSeidelSolver.NAME, GaussSeidelSolver::new);
        BY_NAME.put(SorSolver.NAME, SorSolver::new);
        BY_NAME.put(TopologicalSolver.NAME, TopologicalSolver::new);
        BY_NAME.put(PolicyIterationSolver.NAME, PolicyIterationSolver::new);
        BY_NAME.put(ModifiedPolicyIterationSolver.NAME, ModifiedPolicyIterationSolver::new);
        BY_NAME.put(org.sparsemdp.solve.undiscounted.TotalRewardSolver.NAME,
                org.sparsemdp.solve.undiscounted.TotalRewardSolver::new);
        BY_NAME.put(BackwardInductionSolver.NAME, BackwardInductionSolver::new);
    }

    private Solvers() {
    }

    /** The names of all registered methods, in a stable order. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(BY_NAME.keySet());
    }

    /**
     * The solver named {@code name} in its default configuration.
     *
     * @throws IllegalArgumentException naming the known methods if {@code name} is unknown
     */
    public static Solver byName(String name) {
        Supplier<Solver> s = BY_NAME.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown method '" + name + "'; known methods: "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return s.get();
    }
}
