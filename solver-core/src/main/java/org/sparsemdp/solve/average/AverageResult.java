package org.sparsemdp.solve.average;

import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;
import org.sparsemdp.result.Solution;

/**
 * The optimal long-run average reward (gain) of every state with a certified bracket
 * {@link #gainLower()} ≤ g* ≤ {@link #gainUpper()}, a policy, and the relative values (bias).
 *
 * <ul>
 *   <li>{@link #gain()}: midpoints of the brackets;</li>
 *   <li>{@link #bias()}: relative values h of the untransformed model, up to a constant per
 *       maximal end component (g + h ≈ r + P h there); 0 outside end components;</li>
 *   <li>{@link #policy()}: per state a global choice index (−1 for terminal states): inside the
 *       end components it keeps the best one, elsewhere it reaches the best ones;</li>
 *   <li>{@link #endComponents()}: number of maximal end components; with one that contains every
 *       state the gain is the same everywhere ({@link #isConstant()}).</li>
 * </ul>
 * Arrays are returned without copying.
 */
public final class AverageResult {
    private final String method;
    private final Status status;
    private final double[] lower;
    private final double[] upper;
    private final double[] bias;
    private final int[] policy;
    private final int endComponents;
    private final boolean constant;
    private final long iterations;
    private final double seconds;

    AverageResult(String method, Status status, double[] lower, double[] upper, double[] bias, int[] policy,
                  int endComponents, boolean constant, long iterations, double seconds) {
        this.method = method;
        this.status = status;
        this.lower = lower;
        this.upper = upper;
        this.bias = bias;
        this.policy = policy;
        this.endComponents = endComponents;
        this.constant = constant;
        this.iterations = iterations;
        this.seconds = seconds;
    }

    /** The method: {@value AverageReward#RVI} or {@value AverageReward#PI}. */
    public String method() {
        return method;
    }

    /** {@link Status#CONVERGED} when every bracket is at most 2ε wide; otherwise the limit that stopped the run. */
    public Status status() {
        return status;
    }

    /** Whether the run met its stopping rule. */
    public boolean converged() {
        return status == Status.CONVERGED;
    }

    /** Certified lower bounds on the optimal gain, per state. */
    public double[] gainLower() {
        return lower;
    }

    /** Certified upper bounds on the optimal gain, per state. */
    public double[] gainUpper() {
        return upper;
    }

    /** Midpoints of the brackets, per state (a new array). */
    public double[] gain() {
        double[] g = new double[lower.length];
        for (int s = 0; s < g.length; s++) {
            g[s] = 0.5 * (lower[s] + upper[s]);
        }
        return g;
    }

    /** The largest half-width of a bracket: the midpoints are within this of the optimal gain. */
    public double errorBound() {
        double b = 0.0;
        for (int s = 0; s < lower.length; s++) {
            b = Math.max(b, 0.5 * (upper[s] - lower[s]));
        }
        return b;
    }

    /** Relative values (bias up to a constant per end component). */
    public double[] bias() {
        return bias;
    }

    /** The policy: a global choice per state, −1 for terminal states. */
    public int[] policy() {
        return policy;
    }

    /** This result with {@code extra} more iterations counted (an earlier stage's). */
    AverageResult withExtraIterations(long extra) {
        return new AverageResult(method, status, lower, upper, bias, policy, endComponents, constant,
                iterations + extra, seconds);
    }

    /**
     * Number of maximal end components found, or −1 when none were computed: the first,
     * whole-model run of relative value iteration certified one gain for every state.
     */
    public int endComponents() {
        return endComponents;
    }

    /**
     * Whether the optimal gain is known to be the same in every state: the model is one strongly
     * connected end component, or a whole-model bracket closed.
     */
    public boolean isConstant() {
        return constant;
    }

    /** Sweeps (RVI) or improvement steps (PI), summed over the end components. */
    public long iterations() {
        return iterations;
    }

    /** Wall-clock time in seconds. */
    public double seconds() {
        return seconds;
    }

    /**
     * This result as a {@link Solution}: values = gain midpoints, bounds = the brackets, error bound
     * = {@link #errorBound()}, accuracy certified.
     */
    public Solution toSolution() {
        return Solution.builder()
                .method(method)
                .status(status)
                .accuracy(Accuracy.CERTIFIED)
                .values(gain())
                .bounds(lower, upper)
                .policy(policy)
                .iterations(iterations)
                .residual(errorBound())
                .errorBound(errorBound())
                .policyBound(Double.NaN)
                .seconds(seconds)
                .build();
    }
}
