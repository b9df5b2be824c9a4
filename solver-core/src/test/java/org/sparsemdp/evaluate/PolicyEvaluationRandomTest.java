package org.sparsemdp.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparsemdp.model.DeterministicPolicy;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.model.StochasticPolicy;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.testing.DenseOracle;
import org.sparsemdp.testing.RandomMdps;

/**
 * Policy evaluation of stochastic policies on random models against an independent dense
 * Gaussian elimination written here, for every Krylov method and preconditioner.
 */
class PolicyEvaluationRandomTest {

    static List<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        double[] gammas = {0.5, 0.9, 0.99, 0.999};
        long seed = 11;
        for (KrylovMethod m : KrylovMethod.values()) {
            for (Preconditioning p : Preconditioning.values()) {
                for (double g : gammas) {
                    all.add(Arguments.of(m, p, g, seed++));
                }
            }
        }
        return all;
    }

    /** A random stochastic policy with some zero probabilities. */
    static StochasticPolicy randomPolicy(Mdp mdp, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] p = new double[mdp.numChoices()];
        for (int s = 0; s < mdp.numStates(); s++) {
            double total = 0;
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                p[c] = rnd.nextDouble() < 0.3 ? 0 : rnd.nextDouble();
                total += p[c];
            }
            if (total == 0 && !mdp.isTerminal(s)) {
                p[mdp.choiceStart(s)] = 1;
                total = 1;
            }
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                p[c] /= total;
            }
        }
        return StochasticPolicy.of(mdp, p);
    }

    /** Dense P_π from the scalar accessors (terminal rows empty). */
    static double[][] densePolicyMatrix(Mdp mdp, StochasticPolicy pi) {
        int n = mdp.numStates();
        double[][] p = new double[n][n];
        for (int s = 0; s < n; s++) {
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                    p[s][mdp.successor(k)] += pi.probability(c) * mdp.probability(k);
                }
            }
        }
        return p;
    }

    static double[] denseValues(Mdp mdp, StochasticPolicy pi) {
        int n = mdp.numStates();
        double[][] p = densePolicyMatrix(mdp, pi);
        double[][] a = new double[n][n + 1];
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < n; t++) {
                a[s][t] = (s == t ? 1 : 0) - mdp.discount() * p[s][t];
            }
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                a[s][n] += pi.probability(c) * mdp.reward(c);
            }
        }
        return DenseOracle.solve(a);
    }

    static double[] denseOccupancy(Mdp mdp, StochasticPolicy pi, double[] rho) {
        int n = mdp.numStates();
        double[][] p = densePolicyMatrix(mdp, pi);
        double[][] a = new double[n][n + 1];
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < n; t++) {
                a[s][t] = (s == t ? 1 : 0) - mdp.discount() * p[t][s];
            }
            a[s][n] = rho[s];
        }
        return DenseOracle.solve(a);
    }

    static double maxDiff(double[] x, double[] y) {
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d = Math.max(d, Math.abs(x[i] - y[i]));
        }
        return d;
    }

    static double l1Diff(double[] x, double[] y) {
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d += Math.abs(x[i] - y[i]);
        }
        return d;
    }

    @ParameterizedTest(name = "{0}/{1} gamma={2}")
    @MethodSource("cases")
    void stochasticPolicyMatchesDenseSolveWithinTheBound(KrylovMethod method, Preconditioning pre, double gamma,
                                                         long seed) {
        Mdp mdp = RandomMdps.random(seed, 60, 3, 6, gamma, Objective.MAXIMIZE, 0.1);
        StochasticPolicy pi = randomPolicy(mdp, seed * 31);
        double tol = 1e-7;
        EvaluationWorkspace ws = PolicyEvaluator.builder().method(method).preconditioning(pre).tolerance(tol).build()
                .workspace(mdp);
        PolicyValues v = ws.evaluate(pi);
        double[] exact = denseValues(mdp, pi);
        assertTrue(v.converged(), v.toString());
        assertEquals(Accuracy.CERTIFIED, v.accuracy());
        assertTrue(v.errorBound() <= tol, v.toString());
        double err = maxDiff(v.values(), exact);
        assertTrue(err <= v.errorBound() + 1e-9 * (1 + maxAbs(exact)), "error " + err + " > bound " + v);

        double[] rho = PolicyEvaluator.uniformInitialDistribution(mdp.withInitialStates(0, 5, 7));
        OccupancyMeasure eta = ws.occupancy(pi, rho);
        double[] exactEta = denseOccupancy(mdp, pi, rho);
        assertTrue(eta.converged(), eta.toString());
        double etaErr = l1Diff(eta.occupancy(), exactEta);
        assertTrue(etaErr <= eta.errorBound() + 1e-9 * (1 + maxAbs(exactEta)), "error " + etaErr + " > " + eta);
    }

    static double maxAbs(double[] x) {
        double m = 0;
        for (double d : x) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }

    @Test
    void occupancySumsToOneOverOneMinusGammaAndSatisfiesFlowAndValueIdentity() {
        double gamma = 0.95;
        Mdp mdp = RandomMdps.random(5, 80, 4, 5, gamma, Objective.MINIMIZE).withInitialStates(3, 10, 42);
        StochasticPolicy pi = randomPolicy(mdp, 77);
        EvaluationWorkspace ws = PolicyEvaluator.builder().tolerance(1e-10).build().workspace(mdp);
        double[] rho = PolicyEvaluator.uniformInitialDistribution(mdp);
        assertEquals(1.0 / 3, rho[10], 1e-15);
        OccupancyMeasure occ = ws.occupancy(pi);
        double[] eta = occ.occupancy();
        assertEquals(1 / (1 - gamma), occ.total(), 1e-8);
        // Flow equations: η(t) = ρ0(t) + γ Σ_s η(s) Σ_c π(c) p(t|c).
        double[] inflow = rho.clone();
        for (int s = 0; s < mdp.numStates(); s++) {
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                    inflow[mdp.successor(k)] += gamma * eta[s] * pi.probability(c) * mdp.probability(k);
                }
            }
        }
        assertTrue(maxDiff(inflow, eta) <= 1e-9, "flow violated by " + maxDiff(inflow, eta));
        // Σ ρ0 V = Σ η(s) π(a|s) r(s,a).
        double[] v = ws.evaluate(pi).values();
        double lhs = 0;
        double rhs = 0;
        for (int s = 0; s < mdp.numStates(); s++) {
            lhs += rho[s] * v[s];
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                rhs += eta[s] * pi.probability(c) * mdp.reward(c);
            }
        }
        assertEquals(lhs, rhs, 1e-8);
    }

    @Test
    void qValuesMatchDenseValues() {
        Mdp mdp = RandomMdps.random(9, 40, 4, 5, 0.9, Objective.MAXIMIZE);
        StochasticPolicy pi = randomPolicy(mdp, 3);
        PolicyValues v = PolicyEvaluator.builder().tolerance(1e-11).build().evaluate(mdp, pi);
        double[] q = QValues.of(mdp, v.values());
        double[] exact = denseValues(mdp, pi);
        for (int c = 0; c < mdp.numChoices(); c++) {
            assertEquals(DenseOracle.q(mdp, c, exact), q[c], 1e-9);
        }
        // V_π(s) = Σ_a π(a|s) Q_π(s,a).
        for (int s = 0; s < mdp.numStates(); s++) {
            double sum = 0;
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                sum += pi.probability(c) * q[c];
            }
            assertEquals(exact[s], sum, 1e-9);
        }
    }

    /**
     * A terminating model for γ = 1: every choice moves to random states with total probability
     * 1 − q and to the terminal state n−1 with probability q ∈ [0.05, 0.3], so every policy terminates.
     */
    static Mdp terminating(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        MdpBuilder b = new MdpBuilder(n).discount(1.0).objective(Objective.MINIMIZE);
        for (int s = 0; s < n - 1; s++) {
            int actions = 1 + rnd.nextInt(3);
            for (int a = 0; a < actions; a++) {
                b.startChoice(s, "a" + a, 1 + rnd.nextDouble());
                double q = 0.05 + 0.25 * rnd.nextDouble();
                b.addTransition(n - 1, q);
                b.addTransition(rnd.nextInt(n - 1), (1 - q) / 2);
                b.addTransition(rnd.nextInt(n - 1), (1 - q) / 2);
                b.finishChoice();
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("undiscountedCases")
    void undiscountedTerminatingPolicyIsEvaluatedWithCertifiedBound(KrylovMethod method, Preconditioning pre) {
        Mdp mdp = terminating(4, 50);
        StochasticPolicy pi = randomPolicy(mdp, 8);
        double tol = 1e-7;
        EvaluationWorkspace ws = PolicyEvaluator.builder().method(method).preconditioning(pre).tolerance(tol).build()
                .workspace(mdp);
        PolicyValues v = ws.evaluate(pi);
        double[] exact = denseValues(mdp, pi);
        assertEquals(Accuracy.CERTIFIED, v.accuracy(), v.toString());
        assertTrue(v.converged() && v.errorBound() <= tol, v.toString());
        assertTrue(maxDiff(v.values(), exact) <= v.errorBound() + 1e-10);
        // K bounds the expected number of steps (plus one): at least 1 / max termination probability.
        assertTrue(v.inverseNormBound() >= 1 / 0.3 && v.inverseNormBound() <= 1 / 0.05 + 1, v.toString());
        // γ = 1: the process ends in the terminal state with probability 1.
        double[] rho = new double[mdp.numStates()];
        rho[0] = 1;
        OccupancyMeasure occ = ws.occupancy(pi, rho);
        assertEquals(1.0, occ.occupancy(mdp.numStates() - 1), occ.errorBound());
        assertTrue(l1Diff(occ.occupancy(), denseOccupancy(mdp, pi, rho)) <= occ.errorBound() + 1e-10);
    }

    static List<Arguments> undiscountedCases() {
        List<Arguments> all = new ArrayList<>();
        for (KrylovMethod m : KrylovMethod.values()) {
            for (Preconditioning p : Preconditioning.values()) {
                all.add(Arguments.of(m, p));
            }
        }
        return all;
    }

    @Test
    void undiscountedNonTerminatingPolicyIsRejectedNamingAState() {
        // States 0 and 1 swap forever under "loop"; "exit" goes to the terminal state 2.
        MdpBuilder b = new MdpBuilder(3).discount(1.0);
        b.addChoice(0, "loop", 1, new int[] {1}, new double[] {1});
        b.addChoice(0, "exit", 5, new int[] {2}, new double[] {1});
        b.addChoice(1, "loop", 1, new int[] {0}, new double[] {1});
        Mdp mdp = b.build();
        PolicyEvaluator evaluator = PolicyEvaluator.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> evaluator.evaluate(mdp, DeterministicPolicy.ofLabels(mdp, "loop", "loop", null)));
        assertTrue(e.getMessage().contains("from state 0"), e.getMessage());
        // Exiting from 0 terminates from both states: V = (5, 6, 0).
        PolicyValues v = evaluator.evaluate(mdp, DeterministicPolicy.ofLabels(mdp, "exit", "loop", null));
        assertEquals(5, v.value(0), 1e-9);
        assertEquals(6, v.value(1), 1e-9);
        assertEquals(0, v.value(2), 0);
        assertEquals(Accuracy.CERTIFIED, v.accuracy());
    }

    @Test
    void iterationCapIsAStatusWithAnHonestBound() {
        Mdp mdp = RandomMdps.random(21, 200, 3, 6, 0.999, Objective.MAXIMIZE);
        StochasticPolicy pi = StochasticPolicy.uniform(mdp);
        PolicyValues v = PolicyEvaluator.builder().method(KrylovMethod.IR).preconditioning(Preconditioning.NONE)
                .maxIterations(5).tolerance(1e-9).build().evaluate(mdp, pi);
        assertTrue(!v.converged(), v.toString());
        double err = maxDiff(v.values(), denseValues(mdp, pi));
        assertTrue(err <= v.errorBound() * (1 + 1e-9), "error " + err + " > bound " + v.errorBound());
    }

    @Test
    void warmStartFromTheAnswerNeedsNoIterations() {
        Mdp mdp = RandomMdps.random(2, 50, 3, 4, 0.9, Objective.MINIMIZE);
        StochasticPolicy pi = StochasticPolicy.uniform(mdp);
        EvaluationWorkspace ws = PolicyEvaluator.builder().tolerance(1e-6).build().workspace(mdp);
        PolicyValues first = ws.evaluate(pi);
        PolicyValues again = ws.evaluate(pi, first.values(), 1e-6);
        assertEquals(0, again.iterations());
        assertTrue(again.converged());
    }
}
