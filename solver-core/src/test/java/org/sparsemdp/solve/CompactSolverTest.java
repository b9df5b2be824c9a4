package org.sparsemdp.solve;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sparsemdp.generate.SeededGarnetGenerator;
import org.sparsemdp.model.CompactMdp;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Solution;
import org.sparsemdp.result.Status;
import org.sparsemdp.testing.ExactValues;
import org.sparsemdp.testing.ExactValues.Fraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 26: solving over compact storage is certified against the exact rational optimum of the
 * <em>double</em> model ({@link ExactValues}), on random and extreme models, and the storage term
 * of the bound is checked against the exact optima of both models.
 */
class CompactSolverTest {
    private static final double[] DISCOUNTS = {0.5, 0.9, 0.99, 0.999, 0.99999, 1 - 1e-7};

    private static SolverOptions options(double epsilon) {
        return SolverOptions.builder().epsilon(epsilon).maxIterations(200_000).timeLimit(Duration.ofSeconds(5)).build();
    }

    /** The double model whose probabilities are the compact model's rounded ones (exactly). */
    private static Mdp storedModel(Mdp mdp, CompactMdp compact) {
        double[] p = new double[(int) compact.numTransitions()];
        for (int k = 0; k < p.length; k++) {
            p[k] = compact.probability(k);
        }
        return Mdp.fromArrays(mdp.numStates(), mdp.choiceStartArray(), mdp.transitionStartArray(),
                mdp.successorArray(), p, mdp.rewardArray(), mdp.actionIndexArray(), mdp.actionLabels(),
                mdp.objective(), mdp.discount(), mdp.initialStates());
    }

    /**
     * 2–4 states, 1–3 choices, 1–3 successors with probabilities such as 1/3 and 1/7 that fixed
     * point cannot hold, rewards ±10^k (k in [−200, 200]) or 0, some terminal states.
     */
    private static Mdp randomModel(Random random, double gamma) {
        int n = 2 + random.nextInt(3);
        MdpBuilder b = new MdpBuilder(n).objective(random.nextBoolean() ? Objective.MAXIMIZE : Objective.MINIMIZE)
                .discount(gamma);
        for (int s = 0; s < n; s++) {
            if (s > 0 && random.nextInt(5) == 0) {
                continue;
            }
            int choices = 1 + random.nextInt(3);
            for (int c = 0; c < choices; c++) {
                int k = 1 + random.nextInt(Math.min(3, n));
                int[] targets = new int[k];
                double[] p = new double[k];
                double sum = 0;
                for (int i = 0; i < k; i++) {
                    targets[i] = (s + i + random.nextInt(n)) % n;
                    p[i] = 1 + random.nextInt(6) + random.nextDouble() * 1e-3;
                    sum += p[i];
                }
                for (int i = 0; i < k; i++) {
                    p[i] /= sum;
                }
                double reward = random.nextInt(4) == 0 ? 0
                        : (random.nextBoolean() ? 1 : -1) * Math.pow(10, random.nextInt(401) - 200);
                b.addChoice(s, "c" + c, reward, targets, p);
            }
        }
        return b.build();
    }

    private static void checkBothMethods(Mdp mdp, Fraction[] exact, double epsilon, String what) {
        CompactMdp compact = CompactMdp.of(mdp);
        for (String method : CompactSolver.METHODS) {
            Solution sol = CompactSolver.solve(compact, method, options(epsilon));
            String label = what + ", " + method + " over compact storage";
            ExactValues.assertCertified(mdp, sol, exact, label);
            if (sol.status() == Status.CONVERGED) {
                assertTrue(sol.errorBound() <= epsilon && sol.policyBound() <= epsilon, label + ": " + sol);
            }
        }
    }

    @Test
    void randomAndExtremeModelsAreCertifiedAgainstTheDoubleModel() {
        Random random = new Random(26);
        int solved = 0;
        for (int trial = 0; trial < 60; trial++) {
            double gamma = DISCOUNTS[trial % DISCOUNTS.length];
            Mdp mdp = randomModel(random, gamma);
            try {
                RoundingBounds.of(mdp);
            } catch (IllegalArgumentException e) {
                continue; // rewards whose discounted sums could overflow: refused as for doubles
            }
            checkBothMethods(mdp, ExactValues.optimalValues(mdp), 1e-6, "random model " + trial + " (discount " + gamma + ")");
            solved++;
        }
        assertTrue(solved >= 40, "models solved: " + solved);
    }

    @Test
    void largeRewardsNearDiscountOneStopAtThePrecisionLimitWithATrueBound() {
        // values near 1e6/(1-γ) = 1e11: a 2^-32 probability error moves them by far more than ε = 1e-6
        MdpBuilder b = new MdpBuilder(3).objective(Objective.MAXIMIZE).discount(0.9999);
        b.addChoice(0, "a", 1e6, new int[] {0, 1, 2}, new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3});
        b.addChoice(0, "b", 0, new int[] {2}, new double[] {1});
        b.addChoice(1, "c", 3e5, new int[] {0, 2}, new double[] {1.0 / 7, 6.0 / 7});
        b.addChoice(2, "d", -2e6, new int[] {0, 1}, new double[] {0.1, 0.9});
        Mdp mdp = b.build();
        Fraction[] exact = ExactValues.optimalValues(mdp);
        CompactMdp compact = CompactMdp.of(mdp);
        for (String method : CompactSolver.METHODS) {
            Solution sol = CompactSolver.solve(compact, method, options(1e-6));
            ExactValues.assertCertified(mdp, sol, exact, method);
            assertEquals(Status.PRECISION_LIMIT, sol.status(), method + ": " + sol);
            assertEquals(Accuracy.CERTIFIED, sol.accuracy());
            assertTrue(sol.errorBound() > 1e-6 && sol.errorBound() < 1e3, method + ": " + sol);
        }
        checkBothMethods(mdp, exact, 1e3, "the same model with ε = 1000");
    }

    @Test
    void theStorageTermBoundsTheDistanceBetweenTheExactOptimaOfBothModels() {
        Random random = new Random(2626);
        int positive = 0;
        for (int trial = 0; trial < 40; trial++) {
            double gamma = DISCOUNTS[trial % DISCOUNTS.length];
            Mdp mdp = randomModel(random, gamma);
            try {
                RoundingBounds.of(mdp);
            } catch (IllegalArgumentException e) {
                continue;
            }
            CompactMdp compact = CompactMdp.of(mdp);
            Fraction[] exact = ExactValues.optimalValues(mdp);
            Fraction[] stored = ExactValues.optimalValues(storedModel(mdp, compact));
            double lo = 0;
            double hi = 0;
            for (Fraction f : stored) {
                lo = Math.min(lo, RoundingBounds.down(f.toDouble()));
                hi = Math.max(hi, RoundingBounds.up(f.toDouble()));
            }
            double term = StoragePerturbation.of(compact).valueTerm(lo, hi);
            Fraction distance = Fraction.ZERO;
            for (int s = 0; s < exact.length; s++) {
                Fraction d = exact[s].subtract(stored[s]).abs();
                distance = d.compareTo(distance) > 0 ? d : distance;
            }
            assertTrue(distance.compareTo(Fraction.of(term)) <= 0,
                    "trial " + trial + ": |v* - v'*| = " + distance.toDouble() + " > storage term " + term);
            positive += distance.isZero() ? 0 : 1;
        }
        assertTrue(positive >= 20, "the rounding moved the optimum in " + positive + " models");
    }

    @Test
    void garnetValuesAgreeWithTheDoubleSolversWithinBothBounds() {
        Mdp mdp = SeededGarnetGenerator.generateBlockwise(20_000, 4, 8, 0.99, 3);
        CompactMdp compact = CompactMdp.of(mdp);
        Solution exact = new ValueIterationSolver().solve(mdp, options(1e-8));
        for (String method : CompactSolver.METHODS) {
            Solution sol = CompactSolver.solve(compact, method, options(1e-6));
            assertEquals(Status.CONVERGED, sol.status(), method + ": " + sol);
            double allowed = sol.errorBound() + exact.errorBound();
            for (int s = 0; s < mdp.numStates(); s++) {
                assertTrue(Math.abs(sol.value(s) - exact.value(s)) <= allowed, method + " state " + s);
            }
        }
        // the same algorithms on a model 2^-32 away: the same number of sweeps within one check
        for (Solver solver : List.of(new ValueIterationSolver(), new GaussSeidelSolver())) {
            long doubleSweeps = solver.solve(mdp, options(1e-6)).iterations();
            long compactSweeps = CompactSolver.solve(compact, solver.name(), options(1e-6)).iterations();
            assertTrue(Math.abs(doubleSweeps - compactSweeps) <= 2, solver.name() + ": " + doubleSweeps + " sweeps"
                    + " over doubles, " + compactSweeps + " over compact storage");
        }
    }

    @Test
    void otherMethodsAndThreadsAreRefused() {
        CompactMdp compact = CompactMdp.of(SeededGarnetGenerator.generateBlockwise(10, 2, 2, 0.9, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompactSolver.solve(compact, "pi", options(1e-6)));
        assertTrue(e.getMessage().contains("[vi, gs]"), e.getMessage());
        assertThrows(ThreadsRefusedException.class,
                () -> CompactSolver.solve(compact, "vi", SolverOptions.builder().threads(2).build()));
        assertEquals(List.of("vi", "gs"), CompactSolver.METHODS);
    }
}
