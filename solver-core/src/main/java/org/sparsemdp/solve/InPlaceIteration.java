package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Status;

/**
 * The driver shared by the in-place value-iteration methods (Gauss–Seidel, SOR, asynchronous
 * parallel Gauss–Seidel): in-place sweeps, with a certified stopping rule obtained from
 * occasional Jacobi <em>check sweeps</em>.
 *
 * <p><b>Why a check sweep.</b> The MacQueen–Porteus bounds of {@link ValueIterationSolver} hold
 * for the change of a Jacobi step T, not for the change of an in-place sweep. But they hold for
 * one Jacobi step taken from <em>any</em> vector u: with w = T u and δ = w − u,
 * <pre>
 *   w + γ/(1−γ) · min δ  ≤  v*  ≤  w + γ/(1−γ) · max δ      (Puterman 1994, Theorem 6.6.3)
 * </pre>
 * and the greedy policy π for u satisfies |v<sup>π</sup> − v*| ≤ span(δ)/(1−γ). So whatever
 * the in-place sweeps did (over-relaxation with ω &gt; 1 is neither monotone nor a sup-norm
 * contraction, and the parallel sweep is not deterministic), a final Jacobi step gives a true
 * bound, reported exactly as {@link SpanBounds} does for value iteration: values at the midpoint
 * of the interval, error bound γ·span(δ)/(2(1−γ)), policy bound span(δ)/(1−γ).
 *
 * <p><b>Stopping rule.</b> Check sweeps are scheduled by {@link CheckSchedule} (first after one
 * in-place sweep, then at intervals predicted from the observed convergence rate). The run
 * stops, converged, as soon as a check has span(δ) ≤ ε(1−γ) — the same certificate as value
 * iteration: the greedy policy is ε-optimal and the values are within εγ/2 of v*. After a failed
 * check the iteration continues from the midpoint values w + γ/(1−γ)·(min δ + max δ)/2 (any
 * vector is a valid starting point, since only checks certify); this extrapolation removes the
 * slowly decaying constant component of the error, which in-place sweeps alone reduce only by
 * about γ per sweep (Porteus 1975, "Bounds and transformations for discounted finite Markov
 * decision chains", Oper. Res. 23). The extrapolation is safeguarded: each shift moves every
 * value by at most the bound, but nothing proves that the next check improves, and on random
 * models with terminal states (where a constant shift does not commute with T) repeated shifts
 * made the iteration diverge; so extrapolation stops for good at the first check whose span is
 * not smaller than the previous one, and the plain in-place iteration (a contraction for
 * Gauss–Seidel) takes over. A run stopped by the iteration cap, the time limit, the
 * listener or an interrupt takes one more check sweep (counted within the iteration cap) and
 * reports its (true) bound, or reports the check it has just made.
 *
 * <p><b>Floating point.</b> Convergence is decided by {@link CertifiedStop} and the bounds by
 * {@link SpanBounds}, both including rounding ({@link RoundingBounds}); extrapolation leaves the
 * states of value exactly 0 at 0.
 *
 * <p><b>Per-sweep bound for the listener.</b> If the in-place sweep S is a sup-norm contraction
 * of modulus ρ &lt; 1 with fixed point v* (Gauss–Seidel: ρ = γ; SOR: ρ = |1−ω| + ωγ; the
 * asynchronous sweep: ρ = γ, because every value it reads is either from the previous iterate or
 * already written in this sweep, so each new value is within γ‖v<sub>n</sub> − v*‖ of v*), then
 * ‖v<sub>n+1</sub> − v*‖ ≤ ρ/(1−ρ) · ‖v<sub>n+1</sub> − v<sub>n</sub>‖ (Bertsekas &amp;
 * Tsitsiklis 1989, §3.1); this is passed to the listener. Otherwise the listener gets NaN
 * except right after a check, where it gets the check's bound γ·span(δ)/(2(1−γ)) on the
 * (shifted) current iterate.
 *
 * <p>{@link Solution#iterations()} counts all sweeps, in-place and check sweeps alike.
 */
final class InPlaceIteration {
    private InPlaceIteration() {
    }

    /**
     * @param modulus the sup-norm contraction modulus of {@code sweep}, or a value ≥ 1 if it is
     *                not known to be a contraction
     */
    static Solution run(Mdp mdp, SolverOptions options, String name, InPlaceStep sweep, JacobiStep check,
                        double modulus) {
        return run(mdp.discount(), mdp.numStates(), RoundingBounds.of(mdp), null, options, name, sweep, check,
                modulus);
    }

    /**
     * {@link #run(Mdp, SolverOptions, String, InPlaceStep, JacobiStep, double)} for a model given by
     * its discount, state count and error model; {@code storage} (null for the exact model) adds
     * the error of a compact model's rounded probabilities to the stopping rule and the bounds.
     */
    static Solution run(double gamma, int n, RoundingBounds rounding, StoragePerturbation storage,
                        SolverOptions options, String name, InPlaceStep sweep, JacobiStep check, double modulus) {
        final long start = System.nanoTime();
        final long deadline = options.deadlineNanos(start);
        final CertifiedStop stop = new CertifiedStop(gamma, rounding, options.epsilon(), 4, storage);
        final double target = options.epsilon() * (1.0 - gamma);
        final double changeFactor = modulus < 1 ? modulus / (1 - modulus) : Double.NaN;
        final double shiftFactor = gamma / (1 - gamma);
        final CheckSchedule schedule = new CheckSchedule(target);
        double[] v = new double[n];
        double[] next = new double[n];
        int[] policy = new int[n];
        double[] range = new double[2];
        double[] checkRange = new double[2];
        long sweeps = 0;
        boolean checked = false;
        boolean extrapolate = true;
        double previousSpan = Double.POSITIVE_INFINITY;
        final IterateListener iterates = options.iterateListener();
        Status status;
        while (true) {
            if (sweeps + 2 > options.maxIterations()) { // leave room for the final check sweep
                status = Status.MAX_ITERATIONS;
                break;
            }
            sweep.sweep(v, range);
            sweeps++;
            double change = Math.max(Math.abs(range[0]), Math.abs(range[1]));
            double bound = changeFactor * change;
            if (iterates != null) {
                iterates.onIterate(sweeps, v, -bound, bound);
            }
            if (schedule.sweepDone()) {
                check.sweep(v, next, policy, checkRange);
                sweeps++;
                double[] swap = v;
                v = next;
                next = swap;
                if (iterates != null) {
                    iterates.onIterate(sweeps, v, shiftFactor * checkRange[0], shiftFactor * checkRange[1]);
                }
                double span = checkRange[1] - checkRange[0];
                checked = true;
                status = CertifiedStop.preferLimits(stop.afterCheck(next, v, checkRange), options, sweeps, deadline);
                if (status != null) {
                    break;
                }
                schedule.checked(span);
                sweep.checkFailed(span);
                change = Math.max(Math.abs(checkRange[0]), Math.abs(checkRange[1]));
                bound = stop.progressBound(gamma * span / (2 * (1 - gamma)));
                status = RunLimits.reached(options, sweeps, change, bound, deadline);
                if (status != null) {
                    break; // finished from this check, before any extrapolation
                }
                checked = false;
                extrapolate &= span < previousSpan;
                previousSpan = span;
                if (extrapolate) {
                    shiftToMidpoint(rounding, v, shiftFactor * (checkRange[0] + checkRange[1]) / 2);
                }
                continue;
            }
            status = RunLimits.reached(options, sweeps + 1, change, bound, deadline);
            if (status != null) {
                break;
            }
        }
        if (!checked) {
            check.sweep(v, next, policy, checkRange);
            sweeps++;
            double[] swap = v;
            v = next;
            next = swap;
        }
        return SpanBounds.finish(rounding, storage, name, status, next, v, policy, sweeps, start);
    }

    private static void shiftToMidpoint(RoundingBounds rounding, double[] v, double shift) {
        for (int s = 0, n = v.length; s < n; s++) {
            if (!rounding.isZero(s)) {
                v[s] += shift;
            }
        }
    }
}
