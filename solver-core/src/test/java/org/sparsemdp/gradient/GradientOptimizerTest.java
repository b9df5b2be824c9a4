package org.sparsemdp.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.DenseOracle;
import org.sparsemdp.testing.RandomMdps;

/**
 * The optimiser on fully observable models: a tabular softmax has no spurious local optima
 * (Agarwal, Kakade, Lee and Mahajan, JMLR 22, 2021), so it must approach the optimal value of the
 * MDP, computed by the independent dense oracle; plus the stopping rules and the listener.
 */
class GradientOptimizerTest {
    private static final PolicyEvaluator EVALUATOR = PolicyEvaluator.builder().tolerance(1e-10).build();

    @ParameterizedTest
    @CsvSource({"0.9, MAXIMIZE, 31, GRADIENT", "0.8, MINIMIZE, 32, GRADIENT", "0.9, MINIMIZE, 33, GRADIENT",
            "0.9, MAXIMIZE, 31, NATURAL", "0.8, MINIMIZE, 32, NATURAL", "0.99, MINIMIZE, 34, NATURAL"})
    void tabularSoftmaxApproachesTheMdpOptimum(double gamma, Objective objective, long seed, SearchDirection dir) {
        Mdp mdp = RandomMdps.random(seed, 15, 3, 3, gamma, objective);
        double[] vStar = DenseOracle.optimalValues(mdp);
        double optimum = vStar[0];
        PolicyGradient pg = new PolicyGradient(TabularSoftmax.perChoice(mdp), EVALUATOR);
        GradientResult r = GradientOptimizer.builder().maxIterations(2000).objectiveTolerance(1e-13).direction(dir)
                .build().optimize(pg);
        double uniform = DenseSoftmax.values(mdp, DenseSoftmax.softmax(mdp, new double[mdp.numChoices()]))[0];
        assertEquals(uniform, r.initialObjective(), 1e-8);
        double sign = objective == Objective.MINIMIZE ? 1 : -1;
        assertTrue(sign * r.objective() <= sign * r.initialObjective(), "no worse than the start");
        assertTrue(sign * (r.objective() - optimum) >= -1e-7, "cannot beat the optimum: " + r.objective() + " vs "
                + optimum);
        assertEquals(optimum, r.objective(), 1e-3 * Math.abs(optimum - uniform),
                "within 0.1% of the gap from the uniform policy to the optimum; " + r);
        // the returned policy is that of θ
        assertEquals(DenseSoftmax.values(mdp, DenseSoftmax.softmax(mdp, r.theta()))[0], r.objective(), 1e-7);
        assertEquals(pg.family().policy(r.theta()), r.policy());
        double rounded = DenseOracle.evaluate(mdp, pg.family().mostLikely(r.theta()).choices())[0];
        assertEquals(optimum, rounded, 1e-9 * Math.max(1, Math.abs(optimum)), "the rounding is optimal");
    }

    @Test
    void listenerSeesEveryIterationAndCanCancel() {
        Mdp mdp = RandomMdps.random(5, 10, 3, 2, 0.9, Objective.MINIMIZE);
        PolicyGradient pg = new PolicyGradient(TabularSoftmax.perChoice(mdp), EVALUATOR);
        List<Double> seen = new ArrayList<>();
        GradientResult r = GradientOptimizer.builder().listener((it, j, g) -> {
            assertEquals(seen.size(), it);
            seen.add(j);
            return it < 3;
        }).build().optimize(pg);
        assertEquals(GradientStatus.CANCELLED, r.status());
        assertEquals(3, r.iterations());
        assertEquals(4, seen.size());
        assertEquals(seen.get(0), r.initialObjective());
        assertEquals(seen.get(3), r.objective());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) < seen.get(i - 1), "Armijo steps decrease the cost");
        }
    }

    @Test
    void iterationCapAndGradientTolerance() {
        Mdp mdp = RandomMdps.random(6, 10, 3, 2, 0.9, Objective.MAXIMIZE);
        PolicyGradient pg = new PolicyGradient(TabularSoftmax.perChoice(mdp), EVALUATOR);
        GradientResult none = GradientOptimizer.builder().maxIterations(0).build().optimize(pg);
        assertEquals(GradientStatus.MAX_ITERATIONS, none.status());
        assertEquals(none.initialObjective(), none.objective());
        GradientResult two = GradientOptimizer.builder().maxIterations(2).build().optimize(pg);
        assertEquals(GradientStatus.MAX_ITERATIONS, two.status());
        assertEquals(2, two.iterations());
        GradientResult loose = GradientOptimizer.builder().gradientTolerance(1e9).build().optimize(pg);
        assertEquals(GradientStatus.GRADIENT_NORM, loose.status());
        assertEquals(0, loose.iterations());
    }
}
