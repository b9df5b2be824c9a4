package org.sparsemdp.result;

import java.util.Objects;
import org.sparsemdp.model.Mdp;

/**
 * The result of a solver run ({@code org.sparsemdp.solve.Solver}, the undiscounted solvers, the LP and Spark solvers).
 *
 * <ul>
 *   <li>{@link #values()}: the value of every state (terminal states 0);</li>
 *   <li>{@link #errorBound()}: a bound on max_s |values[s] − v*(s)|, of quality
 *       {@link #accuracy()};</li>
 *   <li>{@link #lower()} / {@link #upper()}: optional per-state bounds lower ≤ v* ≤ upper
 *       (null when the method provides only the scalar bound);</li>
 *   <li>{@link #policy()}: per state the chosen choice index (global, as in
 *       {@link org.sparsemdp.model.Mdp#choiceStart(int)}), −1 for terminal states;</li>
 *   <li>{@link #policyBound()}: a bound on max_s |v^π(s) − v*(s)| for that policy, or NaN if the
 *       method does not provide one;</li>
 *   <li>{@link #certificate()}: the accuracy and the two bounds as one value;</li>
 *   <li>{@link #status()}, {@link #iterations()}, {@link #residual()}, {@link #seconds()}.</li>
 * </ul>
 *
 * <p>A solution has no default accuracy: {@link Builder#build()} fails unless the builder was given
 * a {@link Certificate} (or an {@link Accuracy}), so no result claims a proof by omission.
 *
 * <p>Arrays are returned without copying; a Solution is owned by its caller.
 */
public final class Solution {
    private final String method;
    private final Status status;
    private final Certificate certificate;
    private final double[] values;
    private final double[] lower;
    private final double[] upper;
    private final int[] policy;
    private final long iterations;
    private final double residual;
    private final double seconds;

    private Solution(Builder b) {
        this.method = Objects.requireNonNull(b.method, "method");
        this.status = Objects.requireNonNull(b.status, "status");
        this.certificate = Certificate.of(Objects.requireNonNull(b.accuracy, "accuracy"), b.errorBound, b.policyBound);
        this.values = Objects.requireNonNull(b.values, "values");
        this.lower = b.lower;
        this.upper = b.upper;
        this.policy = Objects.requireNonNull(b.policy, "policy");
        this.iterations = b.iterations;
        this.residual = b.residual;
        this.seconds = b.seconds;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Name of the method that produced this solution. */
    public String method() {
        return method;
    }

    /** How the run ended. */
    public Status status() {
        return status;
    }

    /** Whether the stopping rule was met. */
    public boolean converged() {
        return status == Status.CONVERGED;
    }

    /** Quality of {@link #errorBound()} (the accuracy of {@link #certificate()}). */
    public Accuracy accuracy() {
        return certificate.accuracy();
    }

    /** What this solution proves: its accuracy, {@link #errorBound()} and {@link #policyBound()}. */
    public Certificate certificate() {
        return certificate;
    }

    /** Values per state. */
    public double[] values() {
        return values;
    }

    /** Value of state {@code s}. */
    public double value(int s) {
        return values[s];
    }

    /** Per-state lower bounds on the optimal values, or null. */
    public double[] lower() {
        return lower;
    }

    /** Per-state upper bounds on the optimal values, or null. */
    public double[] upper() {
        return upper;
    }

    /**
     * Chosen choice per state as a global choice index into {@code mdp}'s choice arrays (−1 for
     * terminal states); see {@link #actionIndex} and {@link #actionLabel} for per-state views.
     */
    public int[] policy() {
        return policy;
    }

    /**
     * The chosen action of state {@code s} as an index among that state's choices
     * ({@code 0 .. mdp.numChoices(s) − 1}), or −1 for a terminal state.
     *
     * @param mdp the model this solution was computed for
     */
    public int actionIndex(Mdp mdp, int s) {
        int c = policy[s];
        return c < 0 ? -1 : c - mdp.choiceStart(s);
    }

    /**
     * The action label of the chosen choice of state {@code s} as {@link Mdp#actionLabel} names it
     * (an unlabelled choice by its position within the state), or null for a terminal state.
     *
     * @param mdp the model this solution was computed for
     */
    public String actionLabel(Mdp mdp, int s) {
        int c = policy[s];
        return c < 0 ? null : mdp.actionLabel(c);
    }

    /** Iterations (sweeps, policy steps, ...) performed. */
    public long iterations() {
        return iterations;
    }

    /** The method's final residual (for value iteration: sup norm of the last change). */
    public double residual() {
        return residual;
    }

    /** Bound on the sup-norm distance from {@link #values()} to the optimal values ({@link #certificate()}). */
    public double errorBound() {
        return certificate.errorBound();
    }

    /** Bound on the sup-norm distance from the policy's values to the optimal values, or NaN ({@link #certificate()}). */
    public double policyBound() {
        return certificate.policyBound();
    }

    /** Wall time of the run in seconds. */
    public double seconds() {
        return seconds;
    }

    @Override
    public String toString() {
        return "Solution[method=" + method + ", status=" + status + ", iterations=" + iterations
                + ", errorBound=" + errorBound() + " (" + accuracy() + "), seconds=" + seconds + "]";
    }

    /**
     * A builder holding everything of this solution, to derive a changed copy (negated values, a
     * policy mapped back to another numbering, a new method name); arrays are shared, not copied.
     */
    public Builder toBuilder() {
        return builder().method(method).status(status).certificate(certificate).values(values).bounds(lower, upper)
                .policy(policy).iterations(iterations).residual(residual).seconds(seconds);
    }

    /** Builder of {@link Solution}. */
    public static final class Builder {
        private String method;
        private Status status;
        private Accuracy accuracy;
        private double[] values;
        private double[] lower;
        private double[] upper;
        private int[] policy;
        private long iterations;
        private double residual = Double.NaN;
        private double errorBound = Double.POSITIVE_INFINITY;
        private double policyBound = Double.NaN;
        private double seconds;

        private Builder() {
        }

        public Builder method(String m) {
            this.method = m;
            return this;
        }

        public Builder status(Status s) {
            this.status = s;
            return this;
        }

        /** The accuracy of the bounds; see {@link #certificate} to set all three at once. */
        public Builder accuracy(Accuracy a) {
            this.accuracy = a;
            return this;
        }

        /** The accuracy, error bound and policy bound of {@code c}. */
        public Builder certificate(Certificate c) {
            this.accuracy = c.accuracy();
            this.errorBound = c.errorBound();
            this.policyBound = c.policyBound();
            return this;
        }

        public Builder values(double[] v) {
            this.values = v;
            return this;
        }

        public Builder bounds(double[] lo, double[] hi) {
            this.lower = lo;
            this.upper = hi;
            return this;
        }

        public Builder policy(int[] p) {
            this.policy = p;
            return this;
        }

        public Builder iterations(long n) {
            this.iterations = n;
            return this;
        }

        public Builder residual(double r) {
            this.residual = r;
            return this;
        }

        public Builder errorBound(double b) {
            this.errorBound = b;
            return this;
        }

        public Builder policyBound(double b) {
            this.policyBound = b;
            return this;
        }

        public Builder seconds(double s) {
            this.seconds = s;
            return this;
        }

        /**
         * The solution.
         *
         * @throws NullPointerException     if the method, status, accuracy, values or policy is missing
         * @throws IllegalArgumentException if a bound is negative or a proof has a NaN error bound
         *                                  ({@link Certificate#of})
         */
        public Solution build() {
            return new Solution(this);
        }
    }
}
