package org.sparsemdp.gradient;

import org.sparsemdp.model.Objective;

/**
 * Gradient descent with an Armijo backtracking line search and Barzilai–Borwein trial steps, on
 * the exact gradient of a {@link PolicyGradient}. Immutable options, built with {@link #builder()}.
 *
 * <p><b>Why this method.</b> The gradient is exact (no sampling noise), so a monotone line search
 * is sound and needs no learning-rate tuning; the objective scale of real models (costs in the
 * thousands, as in substation restoration) varies by orders of magnitude, which a fixed Adam step
 * would have to be tuned for. Barzilai–Borwein steps adapt the trial step to the local curvature
 * at no extra cost, and the Armijo condition keeps every accepted step a decrease.
 *
 * <p><b>Algorithm.</b> Let f = J for a minimising model and f = −J for a maximising one, and
 * g = ∇f. From θ₀ (evaluated once: J₀ is the {@linkplain GradientResult#initialObjective() initial
 * objective}), iteration k:
 * <ol>
 *   <li>trial step α: at k = 1, {@code initialStep}/‖g‖₂ (a move of length {@code initialStep});
 *       later the BB1 step sᵀs/sᵀy (s = θ<sub>k</sub> − θ<sub>k−1</sub>, y = g<sub>k</sub> − g<sub>k−1</sub>),
 *       or twice the last accepted step if sᵀy ≤ 0; capped so that the move α‖g‖₂ is at most
 *       {@code maxStep};</li>
 *   <li>backtracking: α ← α/2 until f(θ − αg) ≤ f(θ) − c₁α‖g‖₂² (Armijo, c₁ = {@code armijo}); if
 *       the move α‖g‖₂ falls below {@code minStep} the run stops with
 *       {@link GradientStatus#LINE_SEARCH_FAILED};</li>
 *   <li>accept θ ← θ − αg and compute the gradient there (only the occupancy solve is new).</li>
 * </ol>
 * <p><b>Natural direction</b> ({@link SearchDirection#NATURAL}, tabular families only): the
 * search direction is the natural gradient d = F⁺∇J (occupancy-weighted advantages, see
 * {@link PolicyGradient#objectiveAndGradient(double[], double[], double[])}) instead of ∇J; the
 * Armijo condition uses the slope ∇Jᵀd, moves are measured by the largest improving advantage
 * max<sub>k</sub>(−sign·d<sub>k</sub>) (so no logit <em>increases</em> by more than {@code initialStep} in
 * the first step or {@code maxStep} in any; logits of bad actions may fall faster, which only makes
 * them less likely), trial steps double the last accepted one, and the gradient
 * rule becomes: no observation has an action whose advantage improves on the current mix by more
 * than {@code gradientTolerance}. This is natural policy gradient (Kakade, NIPS 2001), which for
 * tabular softmax policies converges to the optimum without the vanishing-gradient plateaus of
 * plain gradients (Agarwal, Kakade, Lee and Mahajan, JMLR 22, 2021).
 *
 * <p><b>Stopping rules</b>, checked in this order: ‖∇J‖₂ ≤ {@code gradientTolerance}
 * ({@link GradientStatus#GRADIENT_NORM}); after a step, |ΔJ| ≤ {@code objectiveTolerance}·max(1, |J|)
 * ({@link GradientStatus#OBJECTIVE_CHANGE}); the listener returns false
 * ({@link GradientStatus#CANCELLED}); {@code maxIterations} accepted steps
 * ({@link GradientStatus#MAX_ITERATIONS}). Non-convergence is a status, never an exception.
 * For a {@link TabularSoftmax} family a run stopped by the gradient norm or the objective change
 * is then checked for saturation: if the most advantageous action ({@link PolicyGradient#bestSwitch},
 * one more occupancy solve) has an occupancy-averaged advantage above
 * {@code saturationTolerance}·max(1, |J|) while its occupancy × probability is at most
 * {@link #SATURATION_WEIGHT} (so its gradient component is held down), the status is
 * {@link GradientStatus#SATURATED} instead: the gradient vanished because the softmax put almost
 * no mass on a better action, or stopped visiting an observation where one exists.
 *
 * <p>References: L. Armijo, Pacific J. Math. 16 (1966) 1–3; J. Barzilai and J. M. Borwein, IMA J.
 * Numer. Anal. 8 (1988) 141–148; J. Nocedal and S. J. Wright, <i>Numerical Optimization</i>, 2nd
 * ed., Springer 2006, Algorithm 3.1. Softmax policy gradients converge to stationary points,
 * which need not be global optima for observation-based policies (the problem is non-convex).
 */
public final class GradientOptimizer {
    /** Default cap on accepted steps. */
    public static final int DEFAULT_MAX_ITERATIONS = 1000;
    /** Default tolerance on ‖∇J‖₂. */
    public static final double DEFAULT_GRADIENT_TOLERANCE = 1e-6;
    /** Default tolerance on the relative change of J in one step. */
    public static final double DEFAULT_OBJECTIVE_TOLERANCE = 1e-9;
    /** Default length of the first move in parameter space. */
    public static final double DEFAULT_INITIAL_STEP = 1.0;
    /** Default cap on the length of one move in parameter space. */
    public static final double DEFAULT_MAX_STEP = 10.0;
    /** Default smallest move tried by the line search. */
    public static final double DEFAULT_MIN_STEP = 1e-10;
    /** Default search direction. */
    public static final SearchDirection DEFAULT_DIRECTION = SearchDirection.GRADIENT;
    /** Default relative tolerance of the saturation check. */
    public static final double DEFAULT_SATURATION_TOLERANCE = 1e-6;
    /** Largest occupancy × probability of an action whose gradient counts as held down by saturation. */
    public static final double SATURATION_WEIGHT = 1e-6;
    /** Default Armijo constant c₁. */
    public static final double DEFAULT_ARMIJO = 1e-4;

    private final int maxIterations;
    private final double gradientTolerance;
    private final double objectiveTolerance;
    private final double initialStep;
    private final double maxStep;
    private final double minStep;
    private final double armijo;
    private final double saturationTolerance;
    private final GradientListener listener;
    private final SearchDirection direction;

    private GradientOptimizer(Builder b) {
        this.maxIterations = b.maxIterations;
        this.gradientTolerance = b.gradientTolerance;
        this.objectiveTolerance = b.objectiveTolerance;
        this.initialStep = b.initialStep;
        this.maxStep = b.maxStep;
        this.minStep = b.minStep;
        this.armijo = b.armijo;
        this.saturationTolerance = b.saturationTolerance;
        this.listener = b.listener;
        this.direction = b.direction;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The optimiser with default options and no listener. */
    public static GradientOptimizer defaults() {
        return builder().build();
    }

    /** Optimises from θ = 0 (the uniform random policy). */
    public GradientResult optimize(PolicyGradient gradient) {
        return optimize(gradient, gradient.family().zeros());
    }

    /**
     * Optimises from {@code theta0} (not modified), minimising J for a minimising model and
     * maximising it otherwise (see the class comment).
     *
     * @throws IllegalArgumentException if {@code theta0} has the wrong length, or policy
     *                                  evaluation rejects a policy (γ = 1 and it does not terminate)
     */
    public GradientResult optimize(PolicyGradient gradient, double[] theta0) {
        long start = System.nanoTime();
        long evaluations0 = gradient.evaluations();
        int p = gradient.family().numParameters();
        if (theta0.length != p) {
            throw new IllegalArgumentException("expected " + p + " parameters, got " + theta0.length);
        }
        final boolean natural = direction == SearchDirection.NATURAL;
        final double sign = gradient.family().mdp().objective() == Objective.MINIMIZE ? 1.0 : -1.0;
        double[] theta = theta0.clone();
        double[] g = new double[p];
        double[] trial = new double[p];
        double[] gTrial = new double[p];
        double[] d = natural ? new double[p] : g;
        double[] dTrial = natural ? new double[p] : gTrial;
        double j = gradient.objectiveAndGradient(theta, g, natural ? d : null);
        final double j0 = j;
        double gNorm = norm(g);
        int iterations = 0;
        GradientStatus status = null;
        if (!listener.onIteration(0, j, gNorm)) {
            status = GradientStatus.CANCELLED;
        }
        double lastAlpha = Double.NaN;
        double sty = Double.NaN;
        double sts = Double.NaN;
        while (status == null) {
            if (stationary(natural, sign, gNorm, d)) {
                status = GradientStatus.GRADIENT_NORM;
                break;
            }
            if (iterations >= maxIterations) {
                status = GradientStatus.MAX_ITERATIONS;
                break;
            }
            // along -sign*d: the slope of f = sign*J is -(g.d), and the move length per unit step is scale
            double slope = natural ? dot(g, d) : gNorm * gNorm;
            double scale = natural ? improvement(sign, d) : gNorm;
            if (!(slope > 0)) {
                status = GradientStatus.LINE_SEARCH_FAILED;
                break;
            }
            double alpha;
            if (iterations == 0) {
                alpha = initialStep / scale;
            } else if (!natural && sty > 0 && Double.isFinite(sts / sty)) {
                alpha = sts / sty;
            } else {
                alpha = 2 * lastAlpha;
            }
            alpha = Math.min(alpha, maxStep / scale);
            double f = sign * j;
            double jTrial = Double.NaN;
            boolean accepted = false;
            while (alpha * scale >= minStep) {
                for (int i = 0; i < p; i++) {
                    trial[i] = theta[i] - alpha * sign * d[i];
                }
                jTrial = gradient.objective(trial);
                if (sign * jTrial <= f - armijo * alpha * slope) {
                    accepted = true;
                    break;
                }
                alpha *= 0.5;
            }
            if (!accepted) {
                status = GradientStatus.LINE_SEARCH_FAILED;
                break;
            }
            gradient.objectiveAndGradient(trial, gTrial, natural ? dTrial : null);
            sts = 0;
            sty = 0;
            for (int i = 0; i < p; i++) {
                double s = trial[i] - theta[i];
                double y = sign * (gTrial[i] - g[i]);
                sts += s * s;
                sty += s * y;
            }
            double change = Math.abs(jTrial - j);
            double objectiveScale = Math.max(1.0, Math.abs(j));
            double[] swap = theta;
            theta = trial;
            trial = swap;
            swap = g;
            g = gTrial;
            gTrial = swap;
            if (natural) {
                swap = d;
                d = dTrial;
                dTrial = swap;
            } else {
                d = g;
                dTrial = gTrial;
            }
            j = jTrial;
            gNorm = norm(g);
            lastAlpha = alpha;
            iterations++;
            if (!listener.onIteration(iterations, j, gNorm)) {
                status = GradientStatus.CANCELLED;
            } else if (stationary(natural, sign, gNorm, d)) {
                status = GradientStatus.GRADIENT_NORM;
            } else if (change <= objectiveTolerance * objectiveScale) {
                status = GradientStatus.OBJECTIVE_CHANGE;
            }
        }
        if (status.converged() && gradient.family() instanceof TabularSoftmax) {
            ActionSwitch best = gradient.bestSwitch(theta);
            if (best.advantage() > saturationTolerance * Math.max(1.0, Math.abs(j)) && best.saturated(SATURATION_WEIGHT)) {
                status = GradientStatus.SATURATED;
            }
        }
        // the last evaluation may have been a rejected trial: make the policy that of θ
        gradient.objective(theta);
        return new GradientResult(theta, gradient.lastPolicy(), j, j0, iterations, gNorm,
                gradient.evaluations() - evaluations0, status, (System.nanoTime() - start) / 1e9);
    }

    /**
     * GRADIENT: ‖∇J‖₂ ≤ tolerance. NATURAL: no action of any observation improves on the current
     * mix by more than the tolerance (the largest advantage, in the direction of the objective).
     */
    private boolean stationary(boolean natural, double sign, double gNorm, double[] d) {
        if (!natural) {
            return gNorm <= gradientTolerance;
        }
        return improvement(sign, d) <= gradientTolerance;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The largest advantage in the direction of the objective: the largest logit increase per unit step. */
    private static double improvement(double sign, double[] d) {
        double m = 0;
        for (double x : d) {
            m = Math.max(m, -sign * x);
        }
        return m;
    }

    private static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** Cap on accepted steps. */
    public int maxIterations() {
        return maxIterations;
    }

    /** The search direction. */
    public SearchDirection direction() {
        return direction;
    }

    /** Tolerance on ‖∇J‖₂ (GRADIENT) or on the largest improving advantage (NATURAL). */
    public double gradientTolerance() {
        return gradientTolerance;
    }

    /** Tolerance on the relative change of J. */
    public double objectiveTolerance() {
        return objectiveTolerance;
    }

    @Override
    public String toString() {
        return "GradientOptimizer[maxIterations=" + maxIterations + ", gradientTolerance=" + gradientTolerance
                + ", objectiveTolerance=" + objectiveTolerance + "]";
    }

    /** Builder of {@link GradientOptimizer}; every setter checks its argument. */
    public static final class Builder {
        private int maxIterations = DEFAULT_MAX_ITERATIONS;
        private double gradientTolerance = DEFAULT_GRADIENT_TOLERANCE;
        private double objectiveTolerance = DEFAULT_OBJECTIVE_TOLERANCE;
        private double initialStep = DEFAULT_INITIAL_STEP;
        private double maxStep = DEFAULT_MAX_STEP;
        private double minStep = DEFAULT_MIN_STEP;
        private double armijo = DEFAULT_ARMIJO;
        private double saturationTolerance = DEFAULT_SATURATION_TOLERANCE;
        private GradientListener listener = GradientListener.NONE;
        private SearchDirection direction = DEFAULT_DIRECTION;

        private Builder() {
        }

        /** Cap on accepted steps, ≥ 0 (0 evaluates the starting point only). */
        public Builder maxIterations(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxIterations must be non-negative, got " + n);
            }
            this.maxIterations = n;
            return this;
        }

        /** Tolerance on ‖∇J‖₂, ≥ 0. */
        public Builder gradientTolerance(double t) {
            this.gradientTolerance = nonNegative(t, "gradientTolerance");
            return this;
        }

        /** Tolerance on |ΔJ|/max(1, |J|) per step, ≥ 0. */
        public Builder objectiveTolerance(double t) {
            this.objectiveTolerance = nonNegative(t, "objectiveTolerance");
            return this;
        }

        /** Length of the first move in parameter space, &gt; 0. */
        public Builder initialStep(double s) {
            this.initialStep = positive(s, "initialStep");
            return this;
        }

        /** Cap on the length of one move, &gt; 0. */
        public Builder maxStep(double s) {
            this.maxStep = positive(s, "maxStep");
            return this;
        }

        /** Smallest move tried by the line search, &gt; 0. */
        public Builder minStep(double s) {
            this.minStep = positive(s, "minStep");
            return this;
        }

        /** Armijo constant c₁ in (0, 1). */
        public Builder armijo(double c) {
            if (!(c > 0 && c < 1)) {
                throw new IllegalArgumentException("armijo must be in (0, 1), got " + c);
            }
            this.armijo = c;
            return this;
        }

        /**
         * Relative tolerance of the saturation check (see the class comment), ≥ 0; infinity
         * switches the check off.
         */
        public Builder saturationTolerance(double t) {
            if (!(t >= 0)) {
                throw new IllegalArgumentException("saturationTolerance must be non-negative, got " + t);
            }
            this.saturationTolerance = t;
            return this;
        }

        /** Search direction ({@link SearchDirection#NATURAL} needs a {@link TabularSoftmax} family). */
        public Builder direction(SearchDirection d) {
            if (d == null) {
                throw new IllegalArgumentException("direction must not be null");
            }
            this.direction = d;
            return this;
        }

        /** Progress listener (may cancel). */
        public Builder listener(GradientListener l) {
            if (l == null) {
                throw new IllegalArgumentException("listener must not be null");
            }
            this.listener = l;
            return this;
        }

        /** The optimiser. */
        public GradientOptimizer build() {
            return new GradientOptimizer(this);
        }

        private static double nonNegative(double x, String name) {
            if (!(x >= 0) || !Double.isFinite(x)) {
                throw new IllegalArgumentException(name + " must be finite and non-negative, got " + x);
            }
            return x;
        }

        private static double positive(double x, String name) {
            if (!(x > 0) || !Double.isFinite(x)) {
                throw new IllegalArgumentException(name + " must be finite and positive, got " + x);
            }
            return x;
        }
    }
}
