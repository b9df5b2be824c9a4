package org.sparsemdp.lp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.testing.DenseOracle;
import org.sparsemdp.testing.RandomMdps;

/**
 * Both LP formulations and both backends against the independent dense policy-iteration oracle,
 * on seeded random models (discounted, with terminal states, and undiscounted terminating ones).
 */
class RandomModelsLpTest {
    private static final double EPS = 1e-6;

    @ParameterizedTest
    @CsvSource({
        "1, PRIMAL, GLOP, MINIMIZE, 0.9", "2, PRIMAL, PDLP, MAXIMIZE, 0.9", "3, DUAL, GLOP, MAXIMIZE, 0.95",
        "4, DUAL, PDLP, MINIMIZE, 0.8", "5, PRIMAL, GLOP, MAXIMIZE, 0.99", "6, DUAL, GLOP, MINIMIZE, 0.5"})
    void discountedModelsMatchTheDenseOracle(long seed, LpSolver.Formulation formulation, LpBackend backend,
                                             Objective objective, double gamma) {
        Mdp mdp = RandomMdps.random(seed, 60, 4, 5, gamma, objective, 0.1);
        LpResult result = solve(mdp, formulation, backend);
        assertEquals(Status.CONVERGED, result.solution().status(), result.diagnostics().summary());
        assertEquals(Accuracy.CERTIFIED, result.solution().accuracy());
        double[] exact = DenseOracle.optimalValues(mdp);
        assertArrayEquals(exact, result.solution().values(), result.solution().errorBound() + 1e-9);
        assertTrue(result.solution().errorBound() <= EPS);
        // The greedy policy is optimal up to its certified bound.
        double[] vPolicy = DenseOracle.evaluate(mdp, result.solution().policy());
        assertArrayEquals(exact, vPolicy, result.solution().policyBound() + 1e-9);
    }

    @ParameterizedTest
    @CsvSource({"11, PRIMAL, GLOP, MINIMIZE", "12, DUAL, GLOP, MINIMIZE", "13, PRIMAL, PDLP, MAXIMIZE",
        "14, DUAL, PDLP, MAXIMIZE"})
    void terminatingUndiscountedModelsMatchTheDenseOracle(long seed, LpSolver.Formulation formulation,
                                                         LpBackend backend, Objective objective) {
        Mdp mdp = terminating(seed, 40, objective);
        LpResult result = solve(mdp, formulation, backend);
        assertEquals(Accuracy.ESTIMATED, result.solution().accuracy());
        assertEquals(Status.CONVERGED, result.solution().status(), result.diagnostics().summary());
        double[] exact = DenseOracle.optimalValues(mdp);
        // Every policy terminates within 1/0.2 = 5 expected steps, so |v − v*| ≤ 5·‖Tv − v‖.
        assertArrayEquals(exact, result.solution().values(), 5 * result.diagnostics().bellmanResidual() + 1e-9);
        assertArrayEquals(exact, result.solution().values(), 1e-5);
    }

    private static LpResult solve(Mdp mdp, LpSolver.Formulation formulation, LpBackend backend) {
        LpSolver solver = new LpSolver(formulation, LpSettings.builder().backend(backend).build());
        return solver.solveDetailed(mdp, SolverOptions.builder().epsilon(EPS).build());
    }

    /**
     * A γ = 1 model whose last state is terminal and in which every choice moves there with
     * probability at least 0.2, so every policy terminates; rewards of both signs.
     */
    static Mdp terminating(long seed, int states, Objective objective) {
        SplittableRandom rnd = new SplittableRandom(seed);
        MdpBuilder b = new MdpBuilder(states).discount(1.0).objective(objective);
        int terminal = states - 1;
        for (int s = 0; s < terminal; s++) {
            int actions = 1 + rnd.nextInt(3);
            for (int a = 0; a < actions; a++) {
                b.startChoice(s, "a" + a, -5 + 10 * rnd.nextDouble());
                double stop = 0.2 + 0.3 * rnd.nextDouble();
                b.addTransition(terminal, stop);
                int t1 = rnd.nextInt(terminal);
                int t2 = rnd.nextInt(terminal);
                double split = rnd.nextDouble();
                b.addTransition(t1, (1 - stop) * split);
                b.addTransition(t2, (1 - stop) * (1 - split));
                b.finishChoice();
            }
        }
        return b.build();
    }
}
