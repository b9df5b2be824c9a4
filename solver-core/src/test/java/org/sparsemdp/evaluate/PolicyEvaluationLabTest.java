package org.sparsemdp.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparsemdp.model.DeterministicPolicy;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.testing.SeedModels;

/** Policy evaluation on the seed lab's warehouse, with every Krylov method and preconditioner. */
class PolicyEvaluationLabTest {

    static List<PolicyEvaluator> evaluators() {
        List<PolicyEvaluator> all = new ArrayList<>();
        for (KrylovMethod m : KrylovMethod.values()) {
            for (Preconditioning p : Preconditioning.values()) {
                all.add(PolicyEvaluator.builder().method(m).preconditioning(p).tolerance(1e-10).build());
            }
        }
        return all;
    }

    @ParameterizedTest
    @MethodSource("evaluators")
    void labFirstEvaluationGivesThePublishedValues(PolicyEvaluator evaluator) {
        Mdp lab = SeedModels.inventory();
        // The lab's initial policy: produce 2, 1, 0, 0; its values are printed as (30, 30, 26, 25.4).
        DeterministicPolicy initial = DeterministicPolicy.ofLabels(lab, "2", "1", "0", "0");
        PolicyValues values = evaluator.evaluate(lab, initial);
        assertTrue(values.converged(), values.toString());
        assertEquals(Accuracy.CERTIFIED, values.accuracy());
        assertTrue(values.errorBound() <= 1e-10, values.toString());
        assertArrayEquals(new double[] {30, 30, 26, 25.4}, values.values(), 1e-9);
    }

    @ParameterizedTest
    @MethodSource("evaluators")
    void labOptimalPolicyHasTheLpValues(PolicyEvaluator evaluator) {
        Mdp lab = SeedModels.inventory();
        // Optimal policy (4, 3, 0, 0) from the lab's LP answer; exact values solved by hand:
        // v0 = v1 = 1290/49, v2 = 1130/49, v3 = 1115/49.
        PolicyValues values = evaluator.evaluate(lab, DeterministicPolicy.ofLabels(lab, "4", "3", "0", "0"));
        assertArrayEquals(new double[] {1290.0 / 49, 1290.0 / 49, 1130.0 / 49, 1115.0 / 49}, values.values(), 1e-9);
    }
}
