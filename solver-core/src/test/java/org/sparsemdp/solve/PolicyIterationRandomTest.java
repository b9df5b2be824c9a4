package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparsemdp.evaluate.KrylovMethod;
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.evaluate.Preconditioning;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.DenseOracle;
import org.sparsemdp.testing.RandomMdps;

/**
 * vi, pi and mpi (every Krylov method, and sweeps) agree with the independent dense policy
 * iteration of {@link DenseOracle} within their certified bounds, on random models up to γ = 0.999.
 */
class PolicyIterationRandomTest {

    static List<Solver> solvers() {
        List<Solver> all = new ArrayList<>();
        all.add(new ValueIterationSolver());
        for (KrylovMethod m : KrylovMethod.values()) {
            PolicyEvaluator e = PolicyEvaluator.builder().method(m).preconditioning(
                    m == KrylovMethod.CGS ? Preconditioning.DIAGONAL : Preconditioning.ILU0).build();
            all.add(new PolicyIterationSolver(e, PolicyIterationSolver.DEFAULT_EVALUATION_FRACTION));
            all.add(new ModifiedPolicyIterationSolver(e, ModifiedPolicyIterationSolver.DEFAULT_LOOSENESS));
        }
        all.add(new PolicyIterationSolver(PolicyEvaluator.builder().preconditioning(Preconditioning.NONE).build(), 0.5));
        all.add(new ModifiedPolicyIterationSolver(1));
        all.add(new ModifiedPolicyIterationSolver(10));
        all.add(new ModifiedPolicyIterationSolver());
        all.add(ModifiedPolicyIterationSolver.adaptive(0.5, 3));
        return all;
    }

    static List<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        double[] gammas = {0.9, 0.99, 0.999};
        int i = 0;
        for (Solver s : solvers()) {
            for (double g : gammas) {
                all.add(Arguments.of(s, g, 100L + i++));
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{0} gamma={1}")
    @MethodSource("cases")
    void agreesWithDenseOracleWithinItsBounds(Solver solver, double gamma, long seed) {
        Objective objective = seed % 2 == 0 ? Objective.MINIMIZE : Objective.MAXIMIZE;
        Mdp mdp = RandomMdps.random(seed, 40, 4, 5, gamma, objective, 0.05);
        double eps = 1e-6;
        Solution sol = solver.solve(mdp, SolverOptions.builder().epsilon(eps).build());
        assertEquals(Status.CONVERGED, sol.status(), sol.toString());
        assertEquals(Accuracy.CERTIFIED, sol.accuracy());
        assertTrue(sol.errorBound() <= eps, sol.toString());
        double[] exact = DenseOracle.optimalValues(mdp);
        double scale = 1e-10 * (1 + maxAbs(exact));
        for (int s = 0; s < mdp.numStates(); s++) {
            assertTrue(Math.abs(sol.value(s) - exact[s]) <= sol.errorBound() + scale,
                    "state " + s + ": " + sol.value(s) + " vs " + exact[s] + ", bound " + sol.errorBound());
        }
        double[] policyValues = DenseOracle.evaluate(mdp, sol.policy());
        for (int s = 0; s < mdp.numStates(); s++) {
            assertTrue(Math.abs(policyValues[s] - exact[s]) <= sol.policyBound() + scale,
                    "policy at state " + s + " off by " + Math.abs(policyValues[s] - exact[s]));
        }
    }

    static double maxAbs(double[] x) {
        double m = 0;
        for (double d : x) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }

    @Test
    void exactTiesDoNotMakePolicyIterationCycle() {
        // A ring where clockwise and counter-clockwise cost the same: every state has value
        // 1/(1−γ) = 10 and both actions tie exactly, so only evaluation noise separates them.
        int n = 101;
        org.sparsemdp.model.MdpBuilder b = new org.sparsemdp.model.MdpBuilder(n).discount(0.9);
        for (int s = 0; s < n; s++) {
            b.addChoice(s, "cw", 1, new int[] {(s + 1) % n}, new double[] {1});
            b.addChoice(s, "ccw", 1, new int[] {(s + n - 1) % n}, new double[] {1});
        }
        Mdp ring = b.build();
        for (KrylovMethod m : KrylovMethod.values()) {
            Solver pi = new PolicyIterationSolver(PolicyEvaluator.builder().method(m).build(), 0.01);
            Solution sol = pi.solve(ring, SolverOptions.builder().epsilon(1e-9).maxIterations(50).build());
            assertEquals(Status.CONVERGED, sol.status(), m + ": " + sol);
            for (int s = 0; s < n; s++) {
                assertEquals(10.0, sol.value(s), sol.errorBound() + 1e-12);
            }
        }
    }

    @Test
    void undiscountedModelsAreRejectedWithAReason() {
        Mdp mdp = RandomMdps.random(1, 10, 2, 3, 0.9, Objective.MINIMIZE).withDiscount(1.0);
        for (String name : new String[] {"pi", "mpi"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Solvers.byName(name).solve(mdp, SolverOptions.defaults()));
            assertTrue(e.getMessage().contains("discount"), e.getMessage());
        }
    }

    @Test
    void iterationCapIsAStatusWithACertifiedBound() {
        Mdp mdp = RandomMdps.random(3, 40, 4, 5, 0.99, Objective.MAXIMIZE);
        Solution sol = new ModifiedPolicyIterationSolver(1).solve(mdp,
                SolverOptions.builder().epsilon(1e-9).maxIterations(3).build());
        assertEquals(Status.MAX_ITERATIONS, sol.status());
        double[] exact = DenseOracle.optimalValues(mdp);
        for (int s = 0; s < mdp.numStates(); s++) {
            assertTrue(Math.abs(sol.value(s) - exact[s]) <= sol.errorBound() * (1 + 1e-12));
        }
    }
}
