package org.sparsemdp.lp;

import org.sparsemdp.model.Mdp;

/**
 * LP-specific settings (immutable, built with {@link #builder()}); the common ones (ε, time
 * limit, threads) come from {@link org.sparsemdp.solve.SolverOptions}.
 *
 * <ul>
 *   <li>{@code backend}: {@link LpBackend#GLOP}, {@link LpBackend#PDLP}, or {@code null} (the
 *       default) for the automatic choice: GLOP when the model has at most {@code glopMaxChoices}
 *       choices (default {@value #DEFAULT_GLOP_MAX_CHOICES}), PDLP above;</li>
 *   <li>{@code initialDistribution}: the weights ρ0(s) &gt; 0 of the objective Σ ρ0(s) v(s)
 *       (primal) and the right-hand side of the flow constraints (dual); default (null) uniform
 *       1/S over all states, which makes every state's value optimal;</li>
 *   <li>{@code maxRefinements}: how often PDLP is re-run with a tighter tolerance when the
 *       certified error bound of its answer exceeds ε (default {@value #DEFAULT_MAX_REFINEMENTS}).</li>
 * </ul>
 */
public final class LpSettings {
    /**
     * Largest number of choices solved by GLOP under the automatic backend choice: about 10^3
     * states with 4 actions, where GLOP still takes about a second while its time grows
     * superlinearly beyond (see {@link LpBackend} for measurements and BENCHMARKS in the report).
     */
    public static final int DEFAULT_GLOP_MAX_CHOICES = 4_000;
    /** Default number of PDLP re-solves with a tighter tolerance. */
    public static final int DEFAULT_MAX_REFINEMENTS = 3;

    private final LpBackend backend;
    private final int glopMaxChoices;
    private final double[] initialDistribution;
    private final int maxRefinements;

    private LpSettings(Builder b) {
        this.backend = b.backend;
        this.glopMaxChoices = b.glopMaxChoices;
        this.initialDistribution = b.initialDistribution;
        this.maxRefinements = b.maxRefinements;
    }

    /** The defaults: automatic backend, uniform ρ0. */
    public static LpSettings defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The forced backend, or null for the automatic choice. */
    public LpBackend backend() {
        return backend;
    }

    /** Threshold of the automatic choice. */
    public int glopMaxChoices() {
        return glopMaxChoices;
    }

    /** The backend used for {@code mdp}: the forced one, or the automatic choice. */
    public LpBackend backendFor(Mdp mdp) {
        return backend != null ? backend : LpBackend.choose(mdp.numChoices(), glopMaxChoices);
    }

    /** Maximum PDLP re-solves. */
    public int maxRefinements() {
        return maxRefinements;
    }

    /** A copy of the user's ρ0, or null when uniform. */
    public double[] initialDistribution() {
        return initialDistribution == null ? null : initialDistribution.clone();
    }

    /**
     * ρ0 for {@code mdp}: the given weights (checked against the number of states) or uniform
     * 1/S.
     */
    public double[] initialDistributionFor(Mdp mdp) {
        int n = mdp.numStates();
        if (initialDistribution == null) {
            double[] rho = new double[n];
            java.util.Arrays.fill(rho, 1.0 / n);
            return rho;
        }
        if (initialDistribution.length != n) {
            throw new IllegalArgumentException("initial distribution has " + initialDistribution.length
                    + " entries but the model has " + n + " states");
        }
        return initialDistribution.clone();
    }

    /** Builder of {@link LpSettings}; every setter checks its argument. */
    public static final class Builder {
        private LpBackend backend;
        private int glopMaxChoices = DEFAULT_GLOP_MAX_CHOICES;
        private double[] initialDistribution;
        private int maxRefinements = DEFAULT_MAX_REFINEMENTS;

        private Builder() {
        }

        /** Forces a backend; null restores the automatic choice. */
        public Builder backend(LpBackend b) {
            this.backend = b;
            return this;
        }

        /** Threshold of the automatic choice (GLOP up to this many choices), ≥ 0. */
        public Builder glopMaxChoices(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("glopMaxChoices must be non-negative, got " + n);
            }
            this.glopMaxChoices = n;
            return this;
        }

        /**
         * Weights ρ0(s) ≥ 0, finite, with a positive sum (copied; not normalised). Null restores
         * the uniform default. States of weight 0 get no optimality guarantee from the LP.
         */
        public Builder initialDistribution(double[] rho) {
            if (rho != null) {
                double sum = 0;
                for (int s = 0; s < rho.length; s++) {
                    if (!(rho[s] >= 0 && Double.isFinite(rho[s]))) {
                        throw new IllegalArgumentException("initial weight of state " + s + " is " + rho[s]
                                + "; weights must be finite and non-negative");
                    }
                    sum += rho[s];
                }
                if (!(sum > 0)) {
                    throw new IllegalArgumentException("initial weights must have a positive sum");
                }
            }
            this.initialDistribution = rho == null ? null : rho.clone();
            return this;
        }

        /** PDLP re-solves with tighter tolerance, ≥ 0. */
        public Builder maxRefinements(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxRefinements must be non-negative, got " + n);
            }
            this.maxRefinements = n;
            return this;
        }

        /** The settings. */
        public LpSettings build() {
            return new LpSettings(this);
        }
    }
}
