package org.sparsemdp.bilevel;

import java.util.SplittableRandom;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.DenseOracle;
import org.sparsemdp.testing.RandomMdps;

/** Seeded random bilevel instances and an exhaustive reference solver for tests. */
final class RandomBilevel {
    private RandomBilevel() {
    }

    /**
     * A random follower with {@code states} states (γ = 0.9) and a leader with {@code n} variables in
     * [0, upper], costs in [0, 3], about half of the choices reduced by d ∈ [0, 4]^n (sparse), the
     * budget Σ x ≤ budget, and w = uniform initial weight (state 0) or random non-negative weights.
     */
    static BilevelInstance instance(long seed, int states, int n, int upper, double budget, Objective objective,
                                    boolean randomWeights) {
        return instance(seed, states, n, upper, budget, objective, randomWeights, 0.0, true);
    }

    /**
     * As above, with a fraction of terminal states (state 0 is never terminal); {@code convex}
     * false keeps w ≥ 0 for a minimising follower (the seed's case, non-convex in x).
     */
    static BilevelInstance instance(long seed, int states, int n, int upper, double budget, Objective objective,
                                    boolean randomWeights, double terminalFraction, boolean convex) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Mdp mdp = RandomMdps.random(seed, states, 3, 3, 0.9, objective, terminalFraction);
        BilevelInstance.Builder b = BilevelInstance.builder(mdp, n);
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = 3 * rnd.nextDouble();
            b.variable(i, 0, upper, true);
        }
        b.cost(c);
        for (int ch = 0; ch < mdp.numChoices(); ch++) {
            if (rnd.nextBoolean()) {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = rnd.nextDouble() < 0.5 ? 4 * rnd.nextDouble() : 0;
                }
                b.reduction(ch, d);
            }
        }
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        b.lessOrEqual(ones, budget);
        if (randomWeights) {
            double[] w = new double[states];
            for (int s = 0; s < states; s++) {
                w[s] = rnd.nextDouble() < 0.5 ? rnd.nextDouble() : 0;
            }
            if (objective == Objective.MINIMIZE && convex) {
                for (int s = 0; s < states; s++) {
                    w[s] = -w[s];
                }
            }
            b.weights(w);
        } else if (objective == Objective.MINIMIZE && convex) {
            double[] w = new double[states];
            w[0] = -1;
            b.weights(w);
        }
        return b.build();
    }

    /** F(x) = c·x + w·v*(x) with v* from the independent dense oracle. */
    static double objective(BilevelInstance instance, double[] x) {
        double[] v = DenseOracle.optimalValues(instance.followerAt(x));
        return instance.leaderCost(x) + instance.followerTerm(v);
    }

    /** The minimum of F over all feasible integer x (every variable integer with small bounds). */
    static double enumerate(BilevelInstance instance) {
        int n = instance.numVariables();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = instance.lower(i);
        }
        double best = Double.POSITIVE_INFINITY;
        while (true) {
            if (instance.violation(x) <= 1e-9) {
                best = Math.min(best, objective(instance, x));
            }
            int i = 0;
            while (i < n && x[i] >= instance.upper(i)) {
                x[i] = instance.lower(i);
                i++;
            }
            if (i == n) {
                return best;
            }
            x[i] += 1;
        }
    }
}
