package org.sparsemdp.lp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.testing.DenseOracle;
import org.sparsemdp.testing.RandomMdps;

/** Constrained MDPs: a hand-solved instance whose optimum must randomise, and enumeration. */
class ConstrainedMdpSolverTest {

    /**
     * γ = 1/2, start in state 0. State 0: "go" (cost 1, risk 0) to state 1, or "stay" (cost 0,
     * risk 1) in state 0; state 1: "back" (cost 0, risk 0) to state 0. Flows: x1 = x_go/2 and
     * (3/4) x_go + (1/2) x_stay = 1. Unconstrained, always "stay" costs 0 with risk 2. With risk
     * budget 1: x_stay = 1, x_go = 2/3, cost 2/3, π(stay|0) = 1/(1 + 2/3) = 3/5. The only
     * deterministic policy within budget ("go") costs 4/3, so the optimum randomises.
     */
    static Mdp handModel() {
        MdpBuilder b = new MdpBuilder(2).discount(0.5).objective(Objective.MINIMIZE);
        b.addChoice(0, "go", 1.0, new int[] {1}, new double[] {1.0});
        b.addChoice(0, "stay", 0.0, new int[] {0}, new double[] {1.0});
        b.addChoice(1, "back", 0.0, new int[] {0}, new double[] {1.0});
        return b.build();
    }

    @ParameterizedTest
    @CsvSource({"GLOP", "PDLP"})
    void budgetForcesTheHandSolvedRandomisedOptimum(LpBackend backend) {
        Mdp mdp = handModel();
        double[] risk = new double[mdp.numChoices()];
        risk[mdp.findChoice(0, "stay")] = 1.0;
        ConstrainedResult r = new ConstrainedMdpSolver(LpSettings.builder().backend(backend).build())
                .solve(mdp, List.of(new CostConstraint("risk", risk, 1.0)), SolverOptions.builder().epsilon(1e-8).build());
        assertEquals(Status.CONVERGED, r.status(), r.diagnostics().summary());
        assertEquals(LpStatus.OPTIMAL, r.lpStatus());
        assertEquals(2.0 / 3, r.objective(), 1e-7);
        assertEquals(1.0, r.usage()[0], 1e-7);
        double[] pi = r.occupancy().policy();
        assertEquals(0.6, pi[mdp.findChoice(0, "stay")], 1e-6);
        assertEquals(0.4, pi[mdp.findChoice(0, "go")], 1e-6);
        assertEquals(1.0, pi[mdp.findChoice(1, "back")], 1e-12);
        double[] x = r.occupancy().occupancy();
        assertEquals(2.0 / 3, x[mdp.findChoice(0, "go")], 1e-7);
        assertEquals(1.0, x[mdp.findChoice(0, "stay")], 1e-7);
        assertEquals(1.0 / 3, x[mdp.findChoice(1, "back")], 1e-7);
        // Independent evaluation of π agrees with the LP's claims.
        assertEquals(2.0 / 3, r.evaluatedObjective(), 1e-6);
        assertEquals(1.0, r.evaluatedUsage()[0], 1e-6);
    }

    @Test
    void unreachableBudgetIsReportedAsInfeasible() {
        Mdp mdp = handModel();
        double[] risk = new double[mdp.numChoices()];
        java.util.Arrays.fill(risk, 1.0); // every step costs 1: total 1/(1−γ) = 2 > 1.5
        ConstrainedResult r = new ConstrainedMdpSolver(LpSettings.builder().backend(LpBackend.GLOP).build())
                .solve(mdp, List.of(new CostConstraint("risk", risk, 1.5)), SolverOptions.defaults());
        assertEquals(LpStatus.INFEASIBLE, r.lpStatus());
        assertFalse(r.feasible());
        assertNull(r.occupancy());
    }

    /**
     * On random models the LP optimum equals the best mixture of two deterministic policies
     * meeting the budget, found here by enumerating all deterministic policies and their dense
     * occupancy measures (the feasible occupancy measures are the convex hull of those of the
     * deterministic policies, Altman 1999, Theorem 3.2, so with one constraint the optimum lies on
     * a segment between two of them).
     */
    @ParameterizedTest
    @CsvSource({"41, GLOP, MINIMIZE", "42, PDLP, MINIMIZE", "43, GLOP, MAXIMIZE", "44, PDLP, MAXIMIZE"})
    void matchesEnumerationOfMixturesOfDeterministicPolicies(long seed, LpBackend backend, Objective objective) {
        Mdp mdp = RandomMdps.random(seed, 5, 3, 3, 0.8, objective);
        SplittableRandom rnd = new SplittableRandom(seed);
        // Better immediate reward costs more budget (plus noise), so that the budget binds.
        double sign = objective == Objective.MINIMIZE ? -1 : 1;
        double[] cost = new double[mdp.numChoices()];
        for (int c = 0; c < cost.length; c++) {
            cost[c] = 10 + sign * mdp.reward(c) + rnd.nextDouble();
        }
        double[] rho = new double[5];
        rho[0] = 1.0;
        // Enumerate deterministic policies: (objective J, constraint usage K).
        int n = mdp.numStates();
        int count = 1;
        for (int s = 0; s < n; s++) {
            count *= mdp.numChoices(s);
        }
        double[] j = new double[count];
        double[] k = new double[count];
        int[] policy = new int[n];
        for (int id = 0; id < count; id++) {
            int rest = id;
            for (int s = 0; s < n; s++) {
                policy[s] = mdp.choiceStart(s) + rest % mdp.numChoices(s);
                rest /= mdp.numChoices(s);
            }
            double[] eta = occupancy(mdp, policy, rho);
            for (int s = 0; s < n; s++) {
                j[id] += eta[s] * mdp.reward(policy[s]);
                k[id] += eta[s] * cost[policy[s]];
            }
        }
        // A budget halfway between the least-cost policy and the unconstrained optimum.
        int[] best = DenseOracle.optimalPolicy(mdp);
        double[] etaBest = occupancy(mdp, best, rho);
        double kBest = 0;
        for (int s = 0; s < n; s++) {
            kBest += etaBest[s] * cost[best[s]];
        }
        double kMin = java.util.Arrays.stream(k).min().getAsDouble();
        assertTrue(kBest > kMin + 1e-3, "the constraint must bind for this seed");
        double budget = (kMin + kBest) / 2;
        boolean min = objective == Objective.MINIMIZE;
        double optimum = min ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        for (int a = 0; a < count; a++) {
            if (k[a] <= budget) {
                optimum = min ? Math.min(optimum, j[a]) : Math.max(optimum, j[a]);
            }
            for (int b = 0; b < count; b++) {
                if (k[a] < budget && k[b] > budget) {
                    double lambda = (k[b] - budget) / (k[b] - k[a]);
                    double mix = lambda * j[a] + (1 - lambda) * j[b];
                    optimum = min ? Math.min(optimum, mix) : Math.max(optimum, mix);
                }
            }
        }
        ConstrainedResult r = new ConstrainedMdpSolver(
                LpSettings.builder().backend(backend).initialDistribution(rho).build())
                .solve(mdp, List.of(new CostConstraint("c", cost, budget)), SolverOptions.builder().epsilon(1e-7).build());
        assertEquals(Status.CONVERGED, r.status(), r.diagnostics().summary());
        assertEquals(optimum, r.objective(), 1e-5);
        assertEquals(budget, r.usage()[0], 1e-5); // the constraint binds
        assertEquals(optimum, r.evaluatedObjective(), 1e-5);
        assertTrue(r.evaluatedUsage()[0] <= budget + 1e-5);
    }

    /** Dense occupancy of a deterministic policy: (I − γ P_πᵀ) η = ρ0. */
    static double[] occupancy(Mdp mdp, int[] policy, double[] rho) {
        int n = mdp.numStates();
        double[][] a = new double[n][n + 1];
        for (int s = 0; s < n; s++) {
            a[s][s] = 1.0;
            a[s][n] = rho[s];
        }
        for (int s = 0; s < n; s++) {
            if (policy[s] >= 0) {
                for (int t = mdp.transitionStart(policy[s]); t < mdp.transitionEnd(policy[s]); t++) {
                    a[mdp.successor(t)][s] -= mdp.discount() * mdp.probability(t);
                }
            }
        }
        return DenseOracle.solve(a);
    }
}
