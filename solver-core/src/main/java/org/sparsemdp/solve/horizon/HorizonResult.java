package org.sparsemdp.solve.horizon;

import org.sparsemdp.result.Status;

/**
 * The outcome of {@link BackwardInduction#run}: the values with {@link #steps()} steps to go and,
 * if kept, the optimal non-stationary policy. Backward induction is exact up to floating-point
 * rounding, so there is no error bound beyond it; a run stopped early by its limits reports
 * the values after the steps it completed and a status other than {@link Status#CONVERGED}.
 */
public final class HorizonResult {
    private final double[] values;
    private final int steps;
    private final StepChoices policy;
    private final Status status;
    private final long iterations;
    private final double seconds;

    HorizonResult(double[] values, int steps, StepChoices policy, Status status, long iterations, double seconds) {
        this.values = values;
        this.steps = steps;
        this.policy = policy;
        this.status = status;
        this.iterations = iterations;
        this.seconds = seconds;
    }

    /** v<sub>steps</sub>, indexed by state (the internal array: do not modify). */
    public double[] values() {
        return values;
    }

    /**
     * Number of steps completed: the requested number when {@link #status()} is
     * {@link Status#CONVERGED}, fewer when a limit stopped the run.
     */
    public int steps() {
        return steps;
    }

    /** Whether the non-stationary policy was kept. */
    public boolean hasPolicy() {
        return policy != null;
    }

    /**
     * Global choice index chosen in state {@code state} with {@code stepsToGo} steps remaining
     * (1..{@link #steps()}); −1 for terminal and frozen states.
     *
     * @throws IllegalStateException if the policy was not kept
     * @throws IndexOutOfBoundsException if {@code stepsToGo} is not in 1..steps()
     */
    public int choice(int stepsToGo, int state) {
        if (policy == null) {
            throw new IllegalStateException("the policy was not kept (keepPolicy = false)");
        }
        if (stepsToGo < 1 || stepsToGo > steps) {
            throw new IndexOutOfBoundsException("steps to go " + stepsToGo + " not in 1.." + steps);
        }
        return policy.get(stepsToGo, state);
    }

    /** {@link Status#CONVERGED} when all requested steps ran; otherwise the limit that stopped the run. */
    public Status status() {
        return status;
    }

    /** Number of sweeps run (equal to {@link #steps()}). */
    public long iterations() {
        return iterations;
    }

    /** Wall-clock time of the run in seconds. */
    public double seconds() {
        return seconds;
    }
}
