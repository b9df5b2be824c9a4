package org.sparsemdp.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.generate.RadialNetwork;
import org.sparsemdp.generate.SubstationRestorationGenerator;
import org.sparsemdp.generate.SubstationTreeGenerator;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.solve.TopologicalSolver;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.testing.DenseOracle;

/**
 * The substation-restoration study end to end on small instances: the full-information bound ≤
 * the best observation-based policy ≤ the optimised softmax ≤ the uniform random policy.
 *
 * <p>Independent references computed here: the uniform policy's cost by a dense solve; the
 * full-information optimum by a direct recursion on (fault, crew location, interval) (checking
 * {@link TopologicalSolver} too); and the optimal observation-based cost by dynamic
 * programming over (side, interval) with the fault's posterior, which is the prior restricted to
 * the interval whatever the history (so the observation is a sufficient statistic and the best
 * memoryless observation-based policy is optimal among all history-based ones).
 */
class SubstationStudyTest {
    private static final PolicyEvaluator EVALUATOR = PolicyEvaluator.builder().tolerance(1e-10).build();

    record Instance(double[] positions, double[] users, double[][] d, double[] q) {
        static Instance random(int n, long seed, double overhead) {
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] x = new double[n + 1];
            double[] u = new double[n];
            double[] q = new double[n];
            double total = 0;
            for (int i = 1; i <= n; i++) {
                x[i] = x[i - 1] + 0.5 + 3 * rnd.nextDouble();
                u[i - 1] = 1 + rnd.nextInt(100);
                q[i - 1] = 0.2 + rnd.nextDouble();
                total += q[i - 1];
            }
            for (int i = 0; i < n; i++) {
                q[i] /= total;
            }
            double[][] d = new double[n + 1][n + 1];
            for (int i = 0; i <= n; i++) {
                for (int j = 0; j <= n; j++) {
                    d[i][j] = Math.abs(x[i] - x[j]) + (i == j ? 0 : overhead);
                }
            }
            return new Instance(x, u, d, q);
        }

        int n() {
            return users.length;
        }

        double usersIn(int l, int r) {
            double s = 0;
            for (int i = l; i <= r; i++) {
                s += users[i - 1];
            }
            return s;
        }

        /** Best cost knowing the fault f, crew at k, disconnected [l, r]. */
        double clairvoyant(int f, int k, int l, int r) {
            if (l == r) {
                return 0;
            }
            double best = Double.POSITIVE_INFINITY;
            for (int a = l; a <= r; a++) {
                double rest = a == f ? 0 : f < a ? clairvoyant(f, a, l, a - 1) : clairvoyant(f, a, a + 1, r);
                best = Math.min(best, d[k][a] * usersIn(l, r) + rest);
            }
            return best;
        }

        double fullInformation() {
            double e = 0;
            for (int f = 1; f <= n(); f++) {
                e += q[f - 1] * clairvoyant(f, 0, 1, n());
            }
            return e;
        }

        /** Best expected cost not knowing the fault: crew at k, fault in [l, r] with the prior restricted. */
        double observationBased(int k, int l, int r, java.util.Map<String, Double> memo) {
            if (l == r) {
                return 0;
            }
            String key = k + "," + l + "," + r;
            Double known = memo.get(key);
            if (known != null) {
                return known;
            }
            double mass = 0;
            for (int f = l; f <= r; f++) {
                mass += q[f - 1];
            }
            double best = Double.POSITIVE_INFINITY;
            for (int a = l; a <= r; a++) {
                double left = 0;
                double right = 0;
                for (int f = l; f < a; f++) {
                    left += q[f - 1];
                }
                for (int f = a + 1; f <= r; f++) {
                    right += q[f - 1];
                }
                double cost = d[k][a] * usersIn(l, r);
                if (left > 0) {
                    cost += left / mass * observationBased(a, l, a - 1, memo);
                }
                if (right > 0) {
                    cost += right / mass * observationBased(a, a + 1, r, memo);
                }
                best = Math.min(best, cost);
            }
            memo.put(key, best);
            return best;
        }
    }

    @ParameterizedTest
    @CsvSource({"4, 1, 0", "5, 2, 0", "6, 3, 0", "7, 4, 0", "5, 5, 3", "6, 6, 2", "7, 7, 4"})
    void boundBelowOptimisedBelowRandom(int n, long seed, double overhead) {
        Instance inst = Instance.random(n, seed, overhead);
        SubstationRestorationGenerator g = new SubstationRestorationGenerator(inst.users(), inst.d(), inst.q());
        Mdp mdp = g.generate();
        int start = g.startState();

        double bound = inst.fullInformation();
        double backward = new TopologicalSolver().solve(mdp, SolverOptions.defaults()).value(start);
        assertEquals(bound, backward, 1e-9 * bound, "backward induction against the direct recursion");
        double bestObservation = inst.observationBased(0, 1, n, new java.util.HashMap<>());
        double uniform = DenseSoftmax.values(mdp, DenseSoftmax.softmax(mdp, new double[mdp.numChoices()]))[start];

        TabularSoftmax family = TabularSoftmax.overObservations(mdp, g.observations());
        GradientResult r = GradientOptimizer.builder().maxIterations(3000).objectiveTolerance(1e-12).build()
                .optimize(new PolicyGradient(family, EVALUATOR));
        double rounded = DenseOracle.evaluate(mdp, family.mostLikely(r.theta()).choices())[start];

        double tol = 1e-9 * uniform;
        assertEquals(uniform, r.initialObjective(), tol, "the start is the uniform random policy");
        assertTrue(bound <= bestObservation + tol, bound + " <= " + bestObservation);
        assertTrue(bestObservation <= r.objective() + tol, "no observation-based policy beats the DP optimum");
        assertTrue(bestObservation <= rounded + tol, "nor does the rounding");
        assertTrue(r.objective() < uniform, "the optimised policy improves on the random one");
        assertTrue(r.converged() || r.status() == GradientStatus.SATURATED, "a stopping rule was met: " + r);
        assertTrue(rounded <= uniform, "the rounding improves on the random policy too");
        if (overhead == 0) {
            // Additive travel times along the line: testing every substation on the way only
            // reconnects users earlier, so the left-to-right sweep is optimal even knowing the
            // fault, and it needs no knowledge of the fault: the bound is attained.
            assertEquals(bound, bestObservation, tol, "sweep argument");
        } else {
            // a fixed switching time per trip makes direct trips worth it: knowing the fault helps
            assertTrue(bound < bestObservation - tol, bound + " < " + bestObservation);
        }
        // Not asserted: that plain gradients reach the observation-based optimum. From the
        // uniform policy they stop at a stationary point above it on some of these instances
        // (N = 6 and 7 without overhead: 904.4 vs 834.0 and 2398.0 vs 2195.8), because the
        // gradient at observations the policy has learned to avoid vanishes. The natural
        // gradient does not vanish there and reaches the optimum on all of them:
        GradientResult nat = GradientOptimizer.builder().direction(SearchDirection.NATURAL).maxIterations(3000)
                .objectiveTolerance(1e-12).build().optimize(new PolicyGradient(family, EVALUATOR));
        double natRounded = DenseOracle.evaluate(mdp, family.mostLikely(nat.theta()).choices())[start];
        assertTrue(bestObservation <= nat.objective() + tol && nat.objective() <= r.objective() + tol, nat.toString());
        assertEquals(bestObservation, nat.objective(), 1e-4 * (uniform - bestObservation), nat.toString());
        assertEquals(bestObservation, natRounded, tol, "rounding of the natural-gradient policy");
    }

    /**
     * The same study on radial networks with forks. References: the uniform policy by a dense
     * solve; the best observation-based cost by backward induction on the belief model (checked
     * against a brute force over (candidates, crew) in SubstationTreeGeneratorTest); J and ∇J at a
     * random θ against finite differences of a dense solve. The belief model (one state per
     * observation, tabular softmax) and the fault-explicit model with observation-shared
     * parameters describe the same policies, so their uniform-policy costs and optima agree.
     */
    @ParameterizedTest
    @CsvSource({"7, 2, 1", "7, 3, 2", "8, 2, 3"})
    void onATreeTheBoundsHoldAndNaturalGradientsReachTheObservationOptimum(int n, int branches, long seed) {
        SubstationTreeGenerator g = SubstationTreeGenerator.random(n, branches, seed, 1_000_000);
        assertTrue(!g.network().isPath());
        Mdp mdp = g.generate();
        Mdp belief = g.generateBeliefModel();
        int start = g.startState();
        double bound = new TopologicalSolver().solve(mdp, SolverOptions.defaults()).value(start);
        double bestObservation = new TopologicalSolver().solve(belief, SolverOptions.defaults()).value(0);
        double uniform = DenseSoftmax.values(mdp, DenseSoftmax.softmax(mdp, new double[mdp.numChoices()]))[start];
        double uniformBelief = DenseSoftmax.values(belief, DenseSoftmax.softmax(belief,
                new double[belief.numChoices()]))[0];
        double tol = 1e-9 * uniform;
        assertEquals(uniform, uniformBelief, tol, "the belief model averages the fault out");
        assertTrue(bound <= bestObservation + tol && bestObservation < uniform);

        TabularSoftmax family = TabularSoftmax.overObservations(mdp, g.observations());
        double[] theta = new double[family.numParameters()];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int k = 0; k < theta.length; k++) {
            theta[k] = rnd.nextDouble(-1, 1);
        }
        PolicyGradientFiniteDifferenceTest.check(family, t -> {
            double[] z = new double[mdp.numChoices()];
            for (int c = 0; c < z.length; c++) {
                z[c] = t[family.parameterOf(c)];
            }
            return z;
        }, theta);

        GradientResult r = GradientOptimizer.builder().maxIterations(3000).objectiveTolerance(1e-12).build()
                .optimize(new PolicyGradient(family, EVALUATOR));
        assertTrue(bestObservation <= r.objective() + tol && r.objective() < uniform, r.toString());
        assertTrue(r.converged() || r.status() == GradientStatus.SATURATED, r.toString());
        if (r.objective() > bestObservation + 1e-6 * uniform) {
            assertEquals(GradientStatus.SATURATED, r.status(), "a stall above the optimum is reported: " + r);
        }
        GradientResult nat = GradientOptimizer.builder().direction(SearchDirection.NATURAL).maxIterations(3000)
                .objectiveTolerance(1e-12).build().optimize(new PolicyGradient(family, EVALUATOR));
        assertEquals(bestObservation, nat.objective(), 1e-4 * (uniform - bestObservation), nat.toString());
        double natRounded = DenseOracle.evaluate(mdp, family.mostLikely(nat.theta()).choices())[start];
        assertEquals(bestObservation, natRounded, tol, "rounding of the natural-gradient policy");
        // on the belief model every state is its own observation: the same optimum
        GradientResult natBelief = GradientOptimizer.builder().direction(SearchDirection.NATURAL).maxIterations(3000)
                .objectiveTolerance(1e-12).build()
                .optimize(new PolicyGradient(TabularSoftmax.perChoice(belief), EVALUATOR));
        assertEquals(bestObservation, natBelief.objective(), 1e-4 * (uniform - bestObservation), natBelief.toString());
    }
}
