package org.sparsemdp.bilevel;

import java.time.Duration;
import org.sparsemdp.evaluate.EvaluationWorkspace;
import org.sparsemdp.evaluate.OccupancyMeasure;
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.model.DeterministicPolicy;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.Solver;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.Solvers;

/**
 * The follower's best response to a leader decision x, computed by the library's own MDP solver,
 * and the cut it yields for the cutting-plane method.
 *
 * <p><b>Values.</b> The follower's MDP with rewards r − D x is solved by the named solver (default
 * {@code pi}) to ε; the solver's certified bound e<sub>v</sub> gives |w·v − w·v*(x)| ≤ ‖w‖₁·e<sub>v</sub>.
 *
 * <p><b>Cut.</b> For any stationary deterministic policy π, v<sub>π</sub>(x') = (I − γP<sub>π</sub>)⁻¹(r<sub>π</sub> − D<sub>π</sub>x')
 * is affine in x', and with η = (I − γP<sub>π</sub><sup>T</sup>)⁻¹ w (the occupancy measure from the
 * "initial distribution" w),
 * <pre>
 *   w·v<sub>π</sub>(x') = Σ<sub>s</sub> η(s) (r<sub>π(s)</sub> − d<sub>π(s)</sub>·x').
 * </pre>
 * If the follower maximises and w ≥ 0, v*(x') ≥ v<sub>π</sub>(x') componentwise, so
 * w·v*(x') ≥ w·v<sub>π</sub>(x') for every x': the right-hand side is a valid cut, tight at x when
 * π is optimal at x, with slope −Σ<sub>s</sub> η(s) d<sub>π(s)</sub> (the subgradient of the convex
 * function w·v*(·) = max<sub>π</sub> w·v<sub>π</sub>(·)). If the follower minimises and w ≤ 0,
 * v*(x') ≤ v<sub>π</sub>(x') and multiplying by w ≤ 0 gives the same inequality; η is then computed
 * for |w| and negated. Other sign patterns make w·v*(x) non-convex and are rejected by
 * {@link CuttingPlaneSolver}.
 *
 * <p><b>Error shift.</b> η is computed by a Krylov solve with a certified 1-norm bound
 * ‖η̃ − η‖₁ ≤ e<sub>η</sub> ({@link OccupancyMeasure#errorBound()}). For every x' in the box,
 * |Σ (η̃ − η)(s) (r − d·x')<sub>π(s)</sub>| ≤ e<sub>η</sub>·R with R = {@link BilevelInstance#rewardBound()},
 * so the cut is lowered by δ = e<sub>η</sub>·R and stays a valid under-estimator over all of X.
 */
final class FollowerOracle {
    private final BilevelInstance instance;
    private final Solver solver;
    private final double epsilon;
    private final EvaluationWorkspace workspace;
    private final double[] absWeights;
    private final double sign;
    private final double rewardBound;

    /** The follower's response at one x. */
    record Response(double[] values, int[] policy, double errorBound, double followerTerm) {
    }

    /** A cut θ ≥ constant + Σ slope_i x_i (already shifted down by its error). */
    record Cut(double constant, double[] slope, double shift) {
        double valueAt(double[] x) {
            double sum = constant;
            for (int i = 0; i < x.length; i++) {
                sum += slope[i] * x[i];
            }
            return sum;
        }
    }

    FollowerOracle(BilevelInstance instance, BilevelOptions options) {
        this.instance = instance;
        this.solver = Solvers.byName(options.oracle());
        double wNorm = instance.weightNorm1();
        this.rewardBound = instance.rewardBound();
        this.epsilon = options.oracleEpsilon() > 0 ? options.oracleEpsilon()
                : BilevelOptions.AUTO_ORACLE_FRACTION * options.absoluteGap() / Math.max(wNorm, 1.0);
        double etaTolerance = BilevelOptions.AUTO_ORACLE_FRACTION * options.absoluteGap() / Math.max(rewardBound, 1.0);
        this.workspace = PolicyEvaluator.builder().tolerance(Math.max(etaTolerance, 1e-14)).build()
                .workspace(instance.follower());
        double[] w = instance.weights();
        boolean anyPositive = false;
        boolean anyNegative = false;
        this.absWeights = new double[w.length];
        for (int s = 0; s < w.length; s++) {
            anyPositive |= w[s] > 0;
            anyNegative |= w[s] < 0;
            absWeights[s] = Math.abs(w[s]);
        }
        this.sign = anyNegative && !anyPositive ? -1.0 : 1.0;
    }

    /** The follower's optimal values and policy at x (time limit in seconds, +∞ for none). */
    Response respond(double[] x, double secondsLeft) {
        Mdp mdp = instance.followerAt(x);
        SolverOptions.Builder ob = SolverOptions.builder().epsilon(epsilon).threads(1);
        if (Double.isFinite(secondsLeft)) {
            ob.timeLimit(Duration.ofNanos(Math.max(1_000_000L, (long) (secondsLeft * 1e9))));
        }
        Solution sol = solver.solve(mdp, ob.build());
        if (sol.accuracy() == Accuracy.ESTIMATED) {
            throw new IllegalArgumentException("oracle '" + solver.name()
                    + "' does not certify its error bound; the bilevel solvers need a certified one (use pi or vi)");
        }
        double[] v = sol.values();
        return new Response(v, sol.policy(), sol.errorBound(), instance.followerTerm(v));
    }

    /** The cut of the follower's policy in {@code response} (valid for every x' in X). */
    Cut cut(Response response) {
        Mdp mdp = instance.follower();
        DeterministicPolicy policy = DeterministicPolicy.of(mdp, response.policy());
        OccupancyMeasure occupancy = workspace.occupancy(policy, absWeights);
        double[] eta = occupancy.occupancy();
        double[] r = mdp.rewardArray();
        int[] dStart = instance.reductionStart();
        int[] dVar = instance.reductionVariables();
        double[] dVal = instance.reductionValues();
        int[] pi = response.policy();
        double constant = 0;
        double[] slope = new double[instance.numVariables()];
        for (int s = 0; s < eta.length; s++) {
            int c = pi[s];
            if (c < 0 || eta[s] == 0) {
                continue;
            }
            constant += eta[s] * r[c];
            for (int k = dStart[c]; k < dStart[c + 1]; k++) {
                slope[dVar[k]] -= eta[s] * dVal[k];
            }
        }
        double shift = occupancy.errorBound() * rewardBound;
        if (!Double.isFinite(shift)) {
            throw new IllegalStateException("occupancy solve gave no finite error bound: " + occupancy);
        }
        for (int i = 0; i < slope.length; i++) {
            slope[i] *= sign;
        }
        return new Cut(sign * constant - shift, slope, shift);
    }

    /** A lower bound on w·v*(x) over X: −‖w‖₁·R/(1−γ). */
    double followerTermFloor() {
        return -instance.weightNorm1() * rewardBound / (1 - instance.follower().discount());
    }

    /** The ε given to the follower's solver. */
    double epsilon() {
        return epsilon;
    }
}
