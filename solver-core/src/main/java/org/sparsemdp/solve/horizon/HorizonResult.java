package org.sparsemdp.solve.horizon;

import org.sparsemdp.solve.Status;

/**
 * The result of {@link BackwardInduction#run}: the values after the requested number of steps
 * and, if kept, the optimal non-stationary (step-dependent) policy.
 */
public final class HorizonResult {
    private final double[] values;
    private final int steps;
    private final int[][] policy;
    private final Status status;
    private final long iterations;
    private final double seconds;

    HorizonResult(double[] values, int steps, int[][] policy, Status status, long iterations, double seconds) {
        this.values = values;
        this.steps = steps;
        this.policy = policy;
        this.status = status;
        this.iterations = iterations;
        this.seconds = seconds;
    }

    /** v_steps, indexed by state (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** The number of steps requested. */
    public int steps() {
        return steps;
    }

    /** Whether the per-step policy was kept. */
    public boolean hasPolicy() {
        return policy != null;
    }

    /**
     * Global choice index chosen in {@code state} with {@code stepsToGo} steps remaining
     * (1..steps); -1 for terminal or frozen states.
     *
     * @throws IllegalStateException if the policy was not kept
     */
    public int choice(int stepsToGo, int state) {
        if (policy == null) {
            throw new IllegalStateException("the policy was not kept (keepPolicy = false)");
        }
        if (stepsToGo < 1 || stepsToGo > steps) {
            throw new IllegalArgumentException("stepsToGo must be in 1.." + steps + ", not " + stepsToGo);
        }
        return policy[stepsToGo - 1][state];
    }

    /** {@link Status#CONVERGED} when all steps ran, otherwise the limit that stopped the run. */
    public Status status() {
        return status;
    }

    /** Steps computed. */
    public long iterations() {
        return iterations;
    }

    /** Wall-clock seconds. */
    public double seconds() {
        return seconds;
    }
}
