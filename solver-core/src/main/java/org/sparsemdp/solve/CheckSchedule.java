package org.sparsemdp.solve;

/**
 * Decides when an in-place iteration takes its next (certifying) Jacobi check sweep, so that
 * checks cost a small fraction of the sweeps without overshooting the target by much.
 *
 * <p>The first check comes after one sweep. After each failed check with error measure m (a
 * bound that must reach {@code target}), the convergence rate per sweep is estimated from the
 * previous check, r = (m / m<sub>prev</sub>)<sup>1/gap</sup>, and the next check is planned
 * after ⌈ln(target/m) / ln r⌉ sweeps, at least 1 and at most min(2·gap + 1, maxGap). When no
 * rate is known yet or the measure did not decrease, the gap doubles (plus one), up to maxGap.
 * Only the schedule depends on this estimate, never a bound.
 *
 * <p>The cap maxGap matters because the drivers extrapolate at every check (they shift the
 * values to the midpoint of the bounds), which removes the slow constant error mode that
 * in-place sweeps let grow back: measured on Garnet models at γ = 0.99, Gauss–Seidel needed
 * about half the sweeps with checks at least every 4 sweeps than with unbounded gaps.
 */
final class CheckSchedule {
    /** Default largest number of in-place sweeps between two checks. */
    static final long DEFAULT_MAX_GAP = 4;

    private double target;
    private long gap;
    private long sinceCheck;
    private double previous;

    CheckSchedule(double target) {
        reset(target);
    }

    /** Starts over for a new iteration with the given target. */
    void reset(double newTarget) {
        this.target = newTarget;
        this.gap = 1;
        this.sinceCheck = 0;
        this.previous = Double.NaN;
    }

    /** Records an in-place sweep; returns whether a check is due now. */
    boolean sweepDone() {
        sinceCheck++;
        return sinceCheck >= gap;
    }

    /** Records a failed check with error measure {@code measure} (&gt; target). */
    void checked(double measure) {
        long next = Math.min(2 * gap + 1, DEFAULT_MAX_GAP);
        if (previous > 0 && measure > 0 && measure < previous && sinceCheck > 0) {
            double rate = Math.pow(measure / previous, 1.0 / sinceCheck);
            double needed = Math.log(target / measure) / Math.log(rate);
            if (needed > 0 && needed < next) {
                next = Math.max(1, (long) Math.ceil(needed));
            }
        }
        previous = measure;
        gap = next;
        sinceCheck = 0;
    }
}
