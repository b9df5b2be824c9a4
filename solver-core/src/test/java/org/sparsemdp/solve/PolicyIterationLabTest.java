package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.evaluate.QValues;
import org.sparsemdp.model.DeterministicPolicy;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.testing.SeedModels;

/** Policy iteration on the seed lab's warehouse (/work/shared/seeds/inventory-lab.md). */
class PolicyIterationLabTest {
    private static final double[] OPTIMAL = {1290.0 / 49, 1290.0 / 49, 1130.0 / 49, 1115.0 / 49};

    @Test
    void oneImprovementOfTheInitialPolicyGivesTheLabsPolicy() {
        Mdp lab = SeedModels.inventory();
        double[] v = PolicyEvaluator.defaults().evaluate(lab, DeterministicPolicy.ofLabels(lab, "2", "1", "0", "0"))
                .values();
        double[] q = QValues.of(lab, v);
        String[] improved = new String[4];
        for (int s = 0; s < 4; s++) {
            int best = lab.choiceStart(s);
            for (int c = best; c < lab.choiceEnd(s); c++) {
                if (q[c] < q[best]) {
                    best = c;
                }
            }
            improved[s] = lab.actionLabel(best);
        }
        // The lab prints "Policy after first improvement: {0: 4, 1: 3, 2: 0, 3: 0}".
        assertArrayEquals(new String[] {"4", "3", "0", "0"}, improved);
    }

    @Test
    void policyIterationConvergesInTheLabsNumberOfSteps() {
        Mdp lab = SeedModels.inventory();
        Solution sol = new PolicyIterationSolver().solve(lab, SolverOptions.builder().epsilon(1e-9).build());
        assertEquals(Status.CONVERGED, sol.status());
        assertEquals(Accuracy.CERTIFIED, sol.accuracy());
        // Evaluate (2,1,0,0), improve to (4,3,0,0), evaluate, improvement leaves it unchanged.
        assertEquals(2, sol.iterations());
        assertTrue(sol.errorBound() <= 1e-9);
        assertArrayEquals(OPTIMAL, sol.values(), 1e-9);
        String[] labels = new String[4];
        for (int s = 0; s < 4; s++) {
            labels[s] = lab.actionLabel(sol.policy()[s]);
        }
        assertArrayEquals(new String[] {"4", "3", "0", "0"}, labels);
    }

    @Test
    void modifiedPolicyIterationAndRegistryReachTheLabOptimum() {
        Mdp lab = SeedModels.inventory();
        for (String name : new String[] {"vi", "pi", "mpi"}) {
            Solution sol = Solvers.byName(name).solve(lab, SolverOptions.builder().epsilon(1e-8).build());
            assertEquals(Status.CONVERGED, sol.status(), name);
            assertArrayEquals(OPTIMAL, sol.values(), 1e-8, name);
        }
        Solution sweeps = new ModifiedPolicyIterationSolver(5).solve(lab, SolverOptions.builder().epsilon(1e-8).build());
        assertArrayEquals(OPTIMAL, sweeps.values(), 1e-8);
    }
}
