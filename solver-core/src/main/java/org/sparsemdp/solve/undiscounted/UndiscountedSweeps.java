package org.sparsemdp.solve.undiscounted;

import java.util.BitSet;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * One sweep at a time of each undiscounted inner loop, on the system that {@link Reachability}
 * builds for Rmin/Rmax until a target: for measuring their per-transition rate against the
 * discounted kernel ({@code ReachabilityBenchmark.Sweeps} in solver-bench), not for solving.
 * Each call is one full pass over the iterated states (those not fixed at value 0), alternately
 * forwards and backwards, on vectors owned by this object; the values it leaves are not a result.
 *
 * <ul>
 *   <li>{@link #interval}: the fused lower/upper Gauss–Seidel sweep of interval iteration
 *       ({@code ii}, {@code topological} inside a component);</li>
 *   <li>{@link #exitRate}: the Jacobi step with exit-rate bounds that {@code ii} takes on models
 *       with uniform exit rates (a discounted model with a stop state);</li>
 *   <li>{@link #lower} and {@link #verify}: the two sweeps of optimistic value iteration
 *       ({@code ovi});</li>
 *   <li>{@link #sound}: the pair sweep of sound value iteration ({@code svi}).</li>
 * </ul>
 * Not thread-safe.
 */
public final class UndiscountedSweeps {
    private final ReducedSystem sys;
    private final boolean maximize;
    private final int[] order;
    private final double rel;
    private final double[] lowerVector;
    private final double[] upperVector;
    private final double[] scratch;
    private final int[] policy;
    private final double[] lowPairs;
    private final double[] highPairs;
    private final ExitRateBounds exitRateBounds;
    private final long transitions;
    private boolean forward = true;

    private UndiscountedSweeps(ReducedSystem sys, boolean maximize) {
        this.sys = sys;
        this.maximize = maximize;
        int n = sys.numStates;
        lowerVector = new double[n];
        upperVector = new double[n];
        order = IntervalIteration.fixZeros(sys, maximize, lowerVector, upperVector);
        rel = IntervalSweeps.relativeError(sys.maxTerms);
        double top = 1.0;
        for (int c = 0; c < sys.constant.length; c++) {
            top = Math.max(top, sys.constant[c]);
        }
        for (int q : order) {
            upperVector[q] = top * n; // finite start values; their size does not change the work
        }
        scratch = new double[n];
        policy = new int[n];
        lowPairs = new double[2 * n];
        highPairs = new double[2 * n];
        for (int q : order) {
            lowPairs[2 * q + 1] = 1.0;
            highPairs[2 * q + 1] = 1.0;
        }
        exitRateBounds = sys.exitRateBounds();
        long t = 0;
        for (int q : order) {
            t += sys.transStart[sys.choiceStart[q + 1]] - sys.transStart[sys.choiceStart[q]];
        }
        transitions = t;
    }

    /**
     * The sweeps of Rmin ({@code direction} MINIMIZE) or Rmax (MAXIMIZE) of {@code reward} (one
     * non-negative value per choice) until {@code target}, after the graph analysis and
     * end-component merging of {@link Reachability#reward}.
     *
     * @throws IllegalArgumentException if a reward is negative or not finite
     */
    public static UndiscountedSweeps rewardUntil(Mdp mdp, double[] reward, BitSet target, Objective direction) {
        Reachability.requireNonNegative(mdp, reward, "reachability");
        boolean max = direction == Objective.MAXIMIZE;
        BitSet t = (BitSet) target.clone();
        Reachability.RewardSystem rs = Reachability.RewardSystem.of(mdp, new GraphAnalysis(mdp), reward, t, max);
        return new UndiscountedSweeps(rs.sys, max);
    }

    /** Transitions read by one sweep (those of the choices of the iterated states). */
    public long transitions() {
        return transitions;
    }

    /** Number of iterated states. */
    public int states() {
        return order.length;
    }

    private boolean nextDirection() {
        boolean f = forward;
        forward = !forward;
        return f;
    }

    /** One fused interval-iteration sweep; returns the states failing ε = 1e-6 (absolute). */
    public int interval() {
        return IntervalSweeps.fused(sys, maximize, lowerVector, upperVector, order, 0, order.length, nextDirection(),
                rel, 1e-6, false);
    }

    /**
     * One Jacobi step with exit-rate bounds ({@code ExitRateBounds.tighten}); returns its policy
     * gap, or NaN if the system has no uniform exit rate bound.
     */
    public double exitRate() {
        if (exitRateBounds == null) {
            return Double.NaN;
        }
        return exitRateBounds.tighten(sys, maximize, lowerVector, upperVector, scratch, order, 0, order.length, rel,
                policy);
    }

    /** One sweep of the lower vector alone (ovi's iteration phase); returns its largest change. */
    public double lower() {
        return IntervalSweeps.lower(sys, maximize, lowerVector, order, 0, order.length, nextDirection(), rel, false);
    }

    /** One verification sweep of ovi on the upper vector; returns the states still rising. */
    public int verify() {
        return IntervalSweeps.verify(sys, maximize, lowerVector, upperVector, order, 0, order.length, nextDirection(),
                rel);
    }

    /** One pair sweep of sound value iteration; returns the y of the first iterated state's policy pair. */
    public double sound() {
        IntervalSweeps.sound(sys, maximize, lowPairs, highPairs, order, 0, order.length, nextDirection(), rel,
                maximize ? 0.0 : Double.POSITIVE_INFINITY);
        return order.length == 0 ? 0.0 : lowPairs[2 * order[0] + 1];
    }
}
