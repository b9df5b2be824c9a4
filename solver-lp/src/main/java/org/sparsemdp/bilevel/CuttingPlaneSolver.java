package org.sparsemdp.bilevel;

import java.util.ArrayList;
import java.util.List;
import org.sparsemdp.model.Objective;

/**
 * Kelley's cutting-plane method (Kelley 1960, "The cutting-plane method for solving convex
 * programs", J. SIAM 8(4); in the bilevel setting a Benders decomposition, Benders 1962) for a
 * {@link BilevelInstance}, with the library's own MDP solver as the oracle.
 *
 * <p><b>Convexity.</b> For a maximising follower, v*(x) = max<sub>π</sub> v<sub>π</sub>(x) componentwise,
 * the maximum being attained by one policy in every state at once; each v<sub>π</sub>(x) is affine
 * in x, so g(x) = w·v*(x) = max<sub>π</sub> w·v<sub>π</sub>(x) is convex and piecewise linear for
 * w ≥ 0. For a minimising follower v*(x) = min<sub>π</sub> v<sub>π</sub>(x) is concave, and
 * g(x) is convex for w ≤ 0. These are the two cases accepted here (the leader then minimises a
 * convex function over X, and tangent cuts are valid lower bounds); for other instances use
 * {@link SingleLevelMilp}.
 *
 * <p><b>Algorithm.</b> The master problem
 * <pre>
 *   min c·x + θ   s.t.  A x = b, G x ≤ h, l ≤ x ≤ u, integrality,
 *                       θ ≥ −‖w‖₁R/(1−γ),   θ ≥ α_j + β_j·x  for every cut j so far
 * </pre>
 * is an LP (GLOP) for continuous x and a MILP (SCIP) otherwise, rebuilt and solved from scratch in
 * each iteration (it is small: n + 1 columns, one row per cut). Each iteration solves it, takes
 * its proven bound as the lower bound L and its x as the next query, calls the oracle
 * ({@link FollowerOracle}) for v*(x), giving the upper bound c·x + w·v + ‖w‖₁·e<sub>v</sub> on F(x),
 * and adds the cut of the follower's optimal policy at x (shifted by its certified error, so it
 * under-estimates g on all of X). U is the best upper bound so far; its x is reported.
 *
 * <p><b>Stopping rule.</b> U − L ≤ max(absoluteGap, relativeGap·|U|) ({@link BilevelStatus#OPTIMAL});
 * the iteration cap or the time limit; or the master proposing an x already evaluated while the gap
 * is open ({@link BilevelStatus#STALLED}: the oracle's ε is too coarse for the tolerance). For
 * integer x the method is finite: an x evaluated twice has L ≥ F(x) minus the oracle errors.
 */
public final class CuttingPlaneSolver {
    /** The method's name in results and on the command line. */
    public static final String NAME = "cuts";

    private CuttingPlaneSolver() {
    }

    /**
     * Solves {@code instance}.
     *
     * @throws IllegalArgumentException if w·v*(x) is not convex for this instance (see the class comment)
     */
    public static BilevelResult solve(BilevelInstance instance, BilevelOptions options) {
        checkConvex(instance);
        long start = System.nanoTime();
        FollowerOracle oracle = new FollowerOracle(instance, options);
        double wNorm = instance.weightNorm1();
        List<FollowerOracle.Cut> cuts = new ArrayList<>();
        List<double[]> visited = new ArrayList<>();
        double lower = Double.NEGATIVE_INFINITY;
        double upper = Double.POSITIVE_INFINITY;
        double[] bestX = null;
        FollowerOracle.Response best = null;
        BilevelStatus status = BilevelStatus.MAX_ITERATIONS;
        long iterations = 0;
        while (true) {
            double left = options.secondsLeft(start);
            if (left <= 0) {
                status = BilevelStatus.TIME_LIMIT;
                break;
            }
            MipModel.Result master = master(instance, oracle, cuts).solve(left);
            if (!master.hasSolution()) {
                if (master.outcome() == MipModel.Outcome.INFEASIBLE) {
                    status = BilevelStatus.INFEASIBLE;
                } else {
                    status = options.secondsLeft(start) <= 0 ? BilevelStatus.TIME_LIMIT : BilevelStatus.NOT_SOLVED;
                }
                break;
            }
            lower = Math.max(lower, master.bound());
            if (options.closes(lower, upper)) {
                status = BilevelStatus.OPTIMAL;
                break;
            }
            if (iterations >= options.maxIterations()) {
                status = BilevelStatus.MAX_ITERATIONS;
                break;
            }
            double[] x = decision(instance, master.x());
            if (seen(visited, x)) {
                status = BilevelStatus.STALLED;
                break;
            }
            visited.add(x);
            FollowerOracle.Response response = oracle.respond(x, options.secondsLeft(start));
            iterations++;
            double ub = instance.leaderCost(x) + response.followerTerm() + wNorm * response.errorBound();
            if (ub < upper) {
                upper = ub;
                bestX = x;
                best = response;
            }
            cuts.add(oracle.cut(response));
            if (options.closes(lower, upper)) {
                status = BilevelStatus.OPTIMAL;
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (best == null) {
            return new BilevelResult(NAME, status == BilevelStatus.INFEASIBLE ? status : BilevelStatus.NOT_SOLVED,
                    null, Double.NaN, Double.NaN, Double.NaN, lower, upper, Double.POSITIVE_INFINITY, iterations,
                    null, null, Double.NaN, seconds);
        }
        double leaderCost = instance.leaderCost(bestX);
        return new BilevelResult(NAME, status, bestX, leaderCost + best.followerTerm(), leaderCost,
                best.followerTerm(), lower, upper, upper - lower, iterations, best.values(), best.policy(),
                best.errorBound(), seconds);
    }

    /** Throws unless w ≥ 0 with a maximising follower or w ≤ 0 with a minimising one. */
    static void checkConvex(BilevelInstance instance) {
        boolean maximize = instance.follower().objective() == Objective.MAXIMIZE;
        double[] w = instance.weights();
        for (int s = 0; s < w.length; s++) {
            if (maximize ? w[s] < 0 : w[s] > 0) {
                throw new IllegalArgumentException("the cutting-plane method needs f(v) = w·v convex in x: w >= 0 for a"
                        + " maximising follower, w <= 0 for a minimising one; w[" + s + "] = " + w[s]
                        + " with a " + (maximize ? "maximising" : "minimising") + " follower (use the milp method)");
            }
        }
    }

    private static MipModel master(BilevelInstance instance, FollowerOracle oracle, List<FollowerOracle.Cut> cuts) {
        int n = instance.numVariables();
        MipModel m = new MipModel();
        double[] c = instance.cost();
        for (int i = 0; i < n; i++) {
            m.addColumn(instance.lower(i), instance.upper(i), instance.isInteger(i), c[i]);
        }
        m.addColumn(oracle.followerTermFloor(), Double.POSITIVE_INFINITY, false, 1.0); // θ, column n
        int[] index = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            index[i] = i;
        }
        for (int k = 0; k < instance.numEqualities(); k++) {
            double rhs = instance.equalityRhs(k);
            m.addRow(index, instance.equalityRow(k), n, rhs, rhs);
        }
        for (int k = 0; k < instance.numInequalities(); k++) {
            m.addRow(index, instance.inequalityRow(k), n, Double.NEGATIVE_INFINITY, instance.inequalityRhs(k));
        }
        double[] coef = new double[n + 1];
        for (FollowerOracle.Cut cut : cuts) {
            // θ − β·x ≥ α
            for (int i = 0; i < n; i++) {
                coef[i] = -cut.slope()[i];
            }
            coef[n] = 1.0;
            m.addRow(index, coef, n + 1, cut.constant(), Double.POSITIVE_INFINITY);
        }
        return m;
    }

    /** The master's x, with integer variables rounded and every variable clamped into its bounds. */
    private static double[] decision(BilevelInstance instance, double[] masterX) {
        int n = instance.numVariables();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double v = instance.isInteger(i) ? Math.rint(masterX[i]) : masterX[i];
            x[i] = Math.min(instance.upper(i), Math.max(instance.lower(i), v));
        }
        return x;
    }

    private static boolean seen(List<double[]> visited, double[] x) {
        for (double[] y : visited) {
            boolean same = true;
            for (int i = 0; i < x.length && same; i++) {
                same = Math.abs(x[i] - y[i]) <= 1e-12 * Math.max(1, Math.abs(x[i]));
            }
            if (same) {
                return true;
            }
        }
        return false;
    }
}
