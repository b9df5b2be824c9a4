package org.sparsemdp.lp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.model.DeterministicPolicy;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Status;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.testing.ExactValues.Fraction;
import org.sparsemdp.testing.ExactValues;

/**
 * Issue 18 for the LP methods: bounds that hold in floating point (checked against exact rational
 * values of the doubles the solver reads), huge rewards, and a proper policy for discount 1.
 */
class LpCertifiedBoundsTest {
    private static final double[] DISCOUNTS = {0.9, 0.99, 0.999, 0.9999, 0.99999, 0.999999, 0.9999999, 0.99999999};

    private static Mdp issueModel(double gamma) {
        MdpBuilder b = new MdpBuilder(2).objective(Objective.MAXIMIZE).discount(gamma);
        b.addChoice(0, "a", 1, new int[] {0}, new double[] {1});
        b.addChoice(0, "b", 0, new int[] {1}, new double[] {1});
        b.addChoice(1, "c", 2, new int[] {1, 0}, new double[] {0.5, 0.5});
        return b.build();
    }

    @Test
    void discountSweepAgainstExactRationals() {
        for (double gamma : DISCOUNTS) {
            Mdp mdp = issueModel(gamma);
            Fraction[] exact = ExactValues.optimalValues(mdp);
            for (LpSolver.Formulation f : LpSolver.Formulation.values()) {
                Solution sol = new LpSolver(f, LpSettings.defaults()).solve(mdp, SolverOptions.defaults());
                ExactValues.assertCertified(mdp, sol, exact, f + " at discount " + gamma);
                assertTrue(sol.errorBound() > 0, f + ": " + sol);
            }
        }
    }

    @Test
    void hugeRewardsAreSolvedNotDeclaredInfeasible() {
        // issue 18: ±1e300 rewards made lp claim "infeasible, values infinite" on a finite model
        MdpBuilder b = new MdpBuilder(2).objective(Objective.MAXIMIZE).discount(0.9);
        b.addChoice(0, "a", 1e300, new int[] {0, 1}, new double[] {0.5, 0.5});
        b.addChoice(0, "b", -1e300, new int[] {1}, new double[] {1});
        b.addChoice(1, "c", -1e300, new int[] {0, 1}, new double[] {0.5, 0.5});
        b.addChoice(1, "d", 1e300, new int[] {1}, new double[] {1});
        Mdp mdp = b.build();
        Fraction[] exact = ExactValues.optimalValues(mdp);
        for (LpSolver.Formulation f : LpSolver.Formulation.values()) {
            Solution sol = new LpSolver(f, LpSettings.defaults()).solve(mdp, SolverOptions.defaults());
            ExactValues.assertCertified(mdp, sol, exact, f.toString());
            // the values are 1e301 to relative precision (1e300/(1 − 0.9) in both states)
            assertEquals(1e301, sol.value(0), 1e301 * 1e-12, f + ": " + sol);
            assertEquals(1e301, sol.value(1), 1e301 * 1e-12, f + ": " + sol);
        }
    }

    @Test
    void overflowingRewardsAreRejectedNamingTheChoice() {
        MdpBuilder b = new MdpBuilder(2).objective(Objective.MAXIMIZE).discount(0.9);
        b.addChoice(0, "a", 1e308, new int[] {0}, new double[] {1});
        b.addChoice(1, "b", 1, new int[] {1}, new double[] {1});
        Mdp mdp = b.build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LpSolver().solve(mdp, SolverOptions.defaults()));
        assertTrue(e.getMessage().contains("choice 'a' of state 0"), e.getMessage());
    }

    @Test
    void discountOneGivesAProperPolicy() {
        // issue 18: 0 stay 0 0:1, 0 go 5 1:1, min: the value 5 is attained only by 'go'
        MdpBuilder b = new MdpBuilder(2).objective(Objective.MINIMIZE).discount(1.0);
        b.addChoice(0, "stay", 0, new int[] {0}, new double[] {1});
        b.addChoice(0, "go", 5, new int[] {1}, new double[] {1});
        Mdp mdp = b.build();
        for (LpSolver.Formulation f : LpSolver.Formulation.values()) {
            LpResult r = new LpSolver(f, LpSettings.defaults()).solveDetailed(mdp, SolverOptions.defaults());
            Solution sol = r.solution();
            assertEquals(5.0, sol.value(0), 1e-9, f.toString());
            assertEquals(mdp.findChoice(0, "go"), sol.policy()[0], f + ": the proper choice");
            assertEquals(0, r.diagnostics().improperStates(), r.diagnostics().summary());
            assertTrue(r.diagnostics().summary().contains("policy=proper"), r.diagnostics().summary());
            // the policy evaluates (an improper one is rejected) to the optimal value
            double[] v = PolicyEvaluator.builder().build().evaluate(mdp, DeterministicPolicy.of(mdp, sol.policy()))
                    .values();
            assertEquals(5.0, v[0], 1e-9);
        }
    }

    @Test
    void zeroCostCycleOfSeveralStatesTiedWithAnExit() {
        // 0 <-> 1 cost 0 (a zero-cost cycle), each state may exit to terminal 3 via 2 at cost 1 + 1
        MdpBuilder b = new MdpBuilder(4).objective(Objective.MINIMIZE).discount(1.0);
        b.addChoice(0, "next", 0, new int[] {1}, new double[] {1});
        b.addChoice(0, "exit", 2, new int[] {3}, new double[] {1});
        b.addChoice(1, "back", 0, new int[] {0}, new double[] {1});
        b.addChoice(1, "down", 1, new int[] {2}, new double[] {1});
        b.addChoice(2, "out", 1, new int[] {3}, new double[] {1});
        Mdp mdp = b.build();
        LpResult r = new LpSolver().solveDetailed(mdp, SolverOptions.defaults());
        assertEquals(0, r.diagnostics().improperStates(), r.diagnostics().summary());
        double[] v = PolicyEvaluator.builder().build()
                .evaluate(mdp, DeterministicPolicy.of(mdp, r.solution().policy())).values();
        assertEquals(2.0, v[0], 1e-9);
        assertEquals(2.0, v[1], 1e-9);
        assertNotEquals(Status.CANCELLED, r.solution().status());
    }
}
