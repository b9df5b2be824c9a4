package org.sparsemdp.solve;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Status;

/**
 * The stopping rule shared by the discounted value-iteration-type methods, decided after each
 * check sweep w = T u from its certificate ({@link CheckCertificate}, which includes the rounding
 * error of {@link RoundingBounds}).
 *
 * <ul>
 *   <li>{@link Status#CONVERGED} when the certified policy bound and value error bound are both
 *       at most ε (in exact arithmetic this is the classical span(δ) ≤ ε(1−γ), slightly
 *       tightened by the rounding term);</li>
 *   <li>{@link Status#PRECISION_LIMIT} when a value or change is not finite (NaN, overflow), or
 *       when ε is out of reach of double precision: the best certificate any check could give at
 *       the current magnitude of the values (δ̃ = 0) is above ε and the current bound is within
 *       4 times that floor, or the bound has been within 64 times its floor without improving
 *       by 0.1 % for 20 measurements, or has not improved at all for 50 (the iteration is stuck in
 *       rounding noise: in exact arithmetic the span of δ decreases at every sweep of value
 *       iteration, and far faster than that for the other methods).</li>
 * </ul>
 * Since the full certificate costs a pass over the values, it is measured only when the
 * exact-arithmetic test span(δ̃) ≤ ε(1−γ) passes, once it has passed before, or every
 * {@code measureEvery}-th check otherwise.
 *
 * <p>A solver that holds u and w decides with {@code afterCheck(u, w, range)};
 * one whose states are spread over machines gathers {@link CheckStatistics} where the states are
 * and decides with {@link #afterCheck(CheckStatistics, double[])}: the same rule, the same
 * numbers.
 */
public final class CertifiedStop {
    private static final int STALL_CHECKS = 20;
    private static final int NO_PROGRESS_CHECKS = 50;

    private final Mdp mdp;
    private final RoundingBounds rounding;
    private final double epsilon;
    private final double rawTarget;
    private final int measureEvery;
    private final int noProgressChecks;
    private final double[] measurement = new double[SpanBounds.SIZE];
    private final CheckStatistics own = new CheckStatistics();
    private final StoragePerturbation storage;
    private double storageValue;
    private double storagePolicy;
    private long checks;
    private boolean nearTarget;
    private double best = Double.POSITIVE_INFINITY;
    private int stalled;
    private double lowest = Double.POSITIVE_INFINITY;
    private int withoutProgress;

    /**
     * @param measureEvery how often the certificate is measured while the exact-arithmetic test
     *                     fails (1 for methods whose checks are expensive anyway, such as policy
     *                     iteration)
     */
    CertifiedStop(Mdp mdp, RoundingBounds rounding, double epsilon, int measureEvery) {
        this(mdp, rounding, epsilon, measureEvery, NO_PROGRESS_CHECKS);
    }

    /**
     * As {@link #CertifiedStop(Mdp, RoundingBounds, double, int)}, with the number of measurements
     * without a new best bound after which the run stops with PRECISION_LIMIT
     * ({@link Integer#MAX_VALUE}: never, for methods whose bound may legitimately grow for a long
     * time, such as modified policy iteration; the rules near the rounding floor still apply).
     */
    CertifiedStop(Mdp mdp, RoundingBounds rounding, double epsilon, int measureEvery, int noProgressChecks) {
        this.storage = null;
        this.measureEvery = measureEvery;
        this.noProgressChecks = noProgressChecks;
        this.mdp = mdp;
        this.rounding = rounding;
        this.epsilon = epsilon;
        this.rawTarget = epsilon * (1 - mdp.discount());
    }

    /**
     * The rule for a model known only by its error model and discount (a distributed model), to be
     * used with {@link #afterCheck(CheckStatistics, double[])}.
     *
     * @param discount     γ, 0 &lt; γ &lt; 1
     * @param epsilon      the target ε of the policy and value bounds
     * @param measureEvery how often the certificate is measured while the exact-arithmetic test
     *                     fails (the single-machine {@code vi} uses 16, {@code gs} 4)
     */
    public CertifiedStop(RoundingBounds rounding, double discount, double epsilon, int measureEvery) {
        this(discount, rounding, epsilon, measureEvery, null);
    }

    /**
     * The rule for a model given by its discount and error model, used with
     * {@code afterCheck(u, w, range)}. With {@code storage} (a compact model's rounded
     * probabilities; null for an exact model) the storage error is added to every measured bound;
     * when it alone exceeds ε the run stops with {@link Status#PRECISION_LIMIT} as soon as the
     * iteration's own bounds are below an eighth of it (the total is then within 1.125 times the
     * storage error, the best this storage allows).
     */
    CertifiedStop(double discount, RoundingBounds rounding, double epsilon, int measureEvery,
                  StoragePerturbation storage) {
        this.storage = storage;
        this.measureEvery = measureEvery;
        this.noProgressChecks = NO_PROGRESS_CHECKS;
        this.mdp = null;
        this.rounding = rounding;
        this.epsilon = epsilon;
        this.rawTarget = epsilon * (1 - discount);
    }

    /**
     * Decides after a check sweep.
     *
     * @param u     the vector the check started from
     * @param w     the computed T u
     * @param range min and max of the computed w − u over all states
     * @return CONVERGED, PRECISION_LIMIT, or null to go on
     */
    Status afterCheck(double[] u, double[] w, double[] range) {
        if (!finiteSpan(range)) {
            return Status.PRECISION_LIMIT;
        }
        if (!due(range)) {
            return null;
        }
        own.reset();
        for (int s = 0, n = u.length; s < n; s++) {
            own.add(rounding.isZero(s), u[s], w[s]);
        }
        SpanBounds.certify(rounding, own, measurement);
        if (storage != null && measurement[SpanBounds.VALUE] < Double.POSITIVE_INFINITY) {
            double value = measurement[SpanBounds.VALUE];
            double policy = measurement[SpanBounds.POLICY];
            storage.widen(rounding, w, measurement);
            storageValue = measurement[SpanBounds.VALUE] - value;
            storagePolicy = measurement[SpanBounds.POLICY] - policy;
        }
        return decide(own.finite());
    }

    /**
     * Decides after a check sweep whose statistics were gathered over all states (possibly on
     * other machines and merged): the same rule as {@code afterCheck(u, w, range)}, with the same
     * result for the same numbers.
     *
     * @param stats the statistics of the check, over all states
     * @param range min and max of the computed w − u over all states
     * @return CONVERGED, PRECISION_LIMIT, or null to go on
     */
    public Status afterCheck(CheckStatistics stats, double[] range) {
        if (!finiteSpan(range)) {
            return Status.PRECISION_LIMIT;
        }
        if (!due(range)) {
            return null;
        }
        SpanBounds.certify(rounding, stats, measurement);
        return decide(stats.finite());
    }

    private static boolean finiteSpan(double[] range) {
        double span = range[1] - range[0];
        return span - span == 0;
    }

    /** Counts the check; whether its certificate is to be measured now. */
    private boolean due(double[] range) {
        double span = range[1] - range[0];
        checks++;
        nearTarget |= span <= rawTarget;
        return nearTarget || checks % measureEvery == 0;
    }

    /**
     * The rule applied to the measurement just taken; {@code finite}: whether every value and change
     * of the check was finite.
     */
    private Status decide(boolean finite) {
        double policy = measurement[SpanBounds.POLICY];
        double value = measurement[SpanBounds.VALUE];
        double floor = measurement[SpanBounds.FLOOR];
        if (!finite) {
            return Status.PRECISION_LIMIT;
        }
        if (value == Double.POSITIVE_INFINITY) {
            // finite values whose bounds overflow (an early iterate of a huge-magnitude model): no
            // certificate yet, no progress either
            return ++withoutProgress >= noProgressChecks ? Status.PRECISION_LIMIT : null;
        }
        if (policy <= epsilon && value <= epsilon) {
            return Status.CONVERGED;
        }
        if (storage != null && (storageValue > epsilon || storagePolicy > epsilon)
                && policy - storagePolicy <= storagePolicy / 8 && value - storageValue <= storageValue / 8) {
            return Status.PRECISION_LIMIT; // the rounded probabilities alone keep the bound above ε
        }
        if (floor > epsilon && policy <= 4 * floor) {
            return Status.PRECISION_LIMIT;
        }
        if (policy < lowest) {
            lowest = policy;
            withoutProgress = 0;
        } else if (++withoutProgress >= noProgressChecks) {
            return Status.PRECISION_LIMIT; // no new best bound in 50 measurements: rounding noise
        }
        if (policy < best * (1 - 1e-3)) {
            best = policy;
            stalled = 0;
        } else if (policy <= 64 * floor && ++stalled >= STALL_CHECKS) {
            return Status.PRECISION_LIMIT;
        }
        return null;
    }

    /**
     * A run limit that has also been reached takes precedence over {@link Status#PRECISION_LIMIT}
     * (both are true, the limit is the plainer fact): MAX_ITERATIONS if {@code iteration} reached
     * the cap, TIME_LIMIT if the deadline has passed, else {@code decided}.
     */
    public static Status preferLimits(Status decided, SolverOptions options, long iteration, long deadline) {
        if (decided != Status.PRECISION_LIMIT) {
            return decided;
        }
        if (iteration >= options.maxIterations()) {
            return Status.MAX_ITERATIONS;
        }
        if (System.nanoTime() - deadline > 0) {
            return Status.TIME_LIMIT;
        }
        return decided;
    }

    /**
     * The bound to show a progress listener: the exact-arithmetic bound {@code raw} of the last
     * check, but never below the rounding floor of the last measurement (never 0 on inexact values).
     */
    public double progressBound(double raw) {
        double floor = checks > 0 ? measurement[SpanBounds.FLOOR_VALUE] : 0;
        return Math.max(raw, floor);
    }

    /** Whether the certificate is being measured at every check (the iteration is near its target). */
    boolean nearTarget() {
        return nearTarget;
    }
}
