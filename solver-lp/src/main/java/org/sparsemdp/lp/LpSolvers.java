package org.sparsemdp.lp;

import java.util.Set;
import org.sparsemdp.solve.Solver;

/**
 * The LP methods by command-line name, for front ends that know solver-lp is present (solver-core's
 * {@link org.sparsemdp.solve.Solvers} cannot list them: core does not depend on this module).
 * {@code lp}: primal formulation; {@code lp-dual}: dual formulation; both with the automatic
 * backend. The same two solvers are also published as {@code java.util.ServiceLoader} providers of
 * {@link Solver}.
 */
public final class LpSolvers {
    private LpSolvers() {
    }

    /** The names of the LP methods. */
    public static Set<String> names() {
        return Set.of(LpSolver.NAME, LpSolver.DUAL_NAME);
    }

    /**
     * The LP solver named {@code name} with the given settings.
     *
     * @throws IllegalArgumentException if the name is not an LP method
     */
    public static LpSolver byName(String name, LpSettings settings) {
        switch (name) {
            case LpSolver.NAME:
                return new LpSolver(LpSolver.Formulation.PRIMAL, settings);
            case LpSolver.DUAL_NAME:
                return new LpSolver(LpSolver.Formulation.DUAL, settings);
            default:
                throw new IllegalArgumentException("unknown LP method '" + name + "'; known: lp, lp-dual");
        }
    }

    /** ServiceLoader provider of the dual LP solver with default settings. */
    public static final class DualProvider implements Solver {
        private final LpSolver delegate = new LpSolver(LpSolver.Formulation.DUAL, LpSettings.defaults());

        /** Required by {@link java.util.ServiceLoader}. */
        public DualProvider() {
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public org.sparsemdp.result.Solution solve(org.sparsemdp.model.Mdp mdp,
                                                  org.sparsemdp.solve.SolverOptions options) {
            return delegate.solve(mdp, options);
        }
    }
}
