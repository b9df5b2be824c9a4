package org.sparsemdp.bilevel;

import java.time.Duration;
import org.sparsemdp.solve.PolicyIterationSolver;

/**
 * Immutable options of the bilevel solvers, built with {@link #builder()}.
 * <ul>
 *   <li>{@code absoluteGap}, {@code relativeGap}: stop when upper − lower ≤
 *       max(absoluteGap, relativeGap·|upper|); defaults {@value #DEFAULT_ABSOLUTE_GAP} and
 *       {@value #DEFAULT_RELATIVE_GAP};</li>
 *   <li>{@code maxIterations}: cap on oracle calls of the cutting-plane method, default
 *       {@value #DEFAULT_MAX_ITERATIONS};</li>
 *   <li>{@code timeLimit}: wall-clock limit (default none);</li>
 *   <li>{@code oracle}: name of the follower's MDP solver in {@link org.sparsemdp.solve.Solvers},
 *       default {@code pi}; it must report a certified error bound;</li>
 *   <li>{@code oracleEpsilon}: the follower solver's ε; 0 (the default) means automatic:
 *       {@value #AUTO_ORACLE_FRACTION}·absoluteGap/max(1, ‖w‖₁), so that the oracle's error uses a small
 *       fraction of the gap tolerance.</li>
 * </ul>
 */
public final class BilevelOptions {
    /** Default absolute gap tolerance. */
    public static final double DEFAULT_ABSOLUTE_GAP = 1e-6;
    /** Default relative gap tolerance. */
    public static final double DEFAULT_RELATIVE_GAP = 1e-7;
    /** Default cap on oracle calls. */
    public static final int DEFAULT_MAX_ITERATIONS = 1000;
    /** Fraction of the absolute gap given to each oracle error term when ε is automatic. */
    public static final double AUTO_ORACLE_FRACTION = 0.05;

    private final double absoluteGap;
    private final double relativeGap;
    private final int maxIterations;
    private final Duration timeLimit;
    private final String oracle;
    private final double oracleEpsilon;

    private BilevelOptions(Builder b) {
        this.absoluteGap = b.absoluteGap;
        this.relativeGap = b.relativeGap;
        this.maxIterations = b.maxIterations;
        this.timeLimit = b.timeLimit;
        this.oracle = b.oracle;
        this.oracleEpsilon = b.oracleEpsilon;
    }

    /** The defaults. */
    public static BilevelOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Absolute gap tolerance. */
    public double absoluteGap() {
        return absoluteGap;
    }

    /** Relative gap tolerance. */
    public double relativeGap() {
        return relativeGap;
    }

    /** Cap on oracle calls. */
    public int maxIterations() {
        return maxIterations;
    }

    /** Time limit, or null for none. */
    public Duration timeLimit() {
        return timeLimit;
    }

    /** Name of the follower's MDP solver. */
    public String oracle() {
        return oracle;
    }

    /** The follower solver's ε, or 0 for automatic. */
    public double oracleEpsilon() {
        return oracleEpsilon;
    }

    /** Whether a gap closes under these tolerances (never for an infinite bound). */
    public boolean closes(double lower, double upper) {
        return Double.isFinite(lower) && Double.isFinite(upper)
                && upper - lower <= Math.max(absoluteGap, relativeGap * Math.abs(upper));
    }

    /** Seconds left before the time limit from {@code startNanos}, or +∞ without a limit. */
    double secondsLeft(long startNanos) {
        if (timeLimit == null) {
            return Double.POSITIVE_INFINITY;
        }
        return timeLimit.toNanos() / 1e9 - (System.nanoTime() - startNanos) / 1e9;
    }

    /** Builder of {@link BilevelOptions}; every setter checks its argument. */
    public static final class Builder {
        private double absoluteGap = DEFAULT_ABSOLUTE_GAP;
        private double relativeGap = DEFAULT_RELATIVE_GAP;
        private int maxIterations = DEFAULT_MAX_ITERATIONS;
        private Duration timeLimit;
        private String oracle = PolicyIterationSolver.NAME;
        private double oracleEpsilon;

        private Builder() {
        }

        /** Absolute gap tolerance, &gt; 0. */
        public Builder absoluteGap(double g) {
            if (!(g > 0) || !Double.isFinite(g)) {
                throw new IllegalArgumentException("absoluteGap must be positive and finite, got " + g);
            }
            this.absoluteGap = g;
            return this;
        }

        /** Relative gap tolerance, ≥ 0. */
        public Builder relativeGap(double g) {
            if (!(g >= 0) || !Double.isFinite(g)) {
                throw new IllegalArgumentException("relativeGap must be non-negative and finite, got " + g);
            }
            this.relativeGap = g;
            return this;
        }

        /** Cap on oracle calls, ≥ 1. */
        public Builder maxIterations(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxIterations must be at least 1, got " + n);
            }
            this.maxIterations = n;
            return this;
        }

        /** Wall-clock limit (null for none). */
        public Builder timeLimit(Duration d) {
            if (d != null && (d.isNegative() || d.isZero())) {
                throw new IllegalArgumentException("timeLimit must be positive, got " + d);
            }
            this.timeLimit = d;
            return this;
        }

        /** Name of the follower's MDP solver in {@link org.sparsemdp.solve.Solvers}. */
        public Builder oracle(String name) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("oracle must be a solver name");
            }
            this.oracle = name;
            return this;
        }

        /** The follower solver's ε (&gt; 0), or 0 for automatic. */
        public Builder oracleEpsilon(double e) {
            if (!(e >= 0) || !Double.isFinite(e)) {
                throw new IllegalArgumentException("oracleEpsilon must be non-negative and finite, got " + e);
            }
            this.oracleEpsilon = e;
            return this;
        }

        /** The options. */
        public BilevelOptions build() {
            return new BilevelOptions(this);
        }
    }
}
