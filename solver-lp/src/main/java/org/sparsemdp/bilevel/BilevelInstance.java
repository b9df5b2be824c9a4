package org.sparsemdp.bilevel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * A bilevel program with an embedded MDP follower (the seed {@code bilevel-mdp.md}):
 * <pre>
 *   min  c·x + f(v)                       leader, f(v) = w·v
 *   s.t. A x = b,  G x ≤ h,  l ≤ x ≤ u,   x_i integer for the integer variables
 *        v = v*(x), the optimal values of the follower's MDP whose per-choice reward is
 *        r_c(x) = r_c − d_c·x
 * </pre>
 * The follower keeps its model's {@link Objective}: for {@code MAXIMIZE} it maximises the
 * rewards r_c − d_c·x (the leader interdicts rewards), for {@code MINIMIZE} it minimises the costs
 * r_c − d_c·x (the seed's LP {@code max μ·v s.t. v_s ≤ Σ p (r − d·x + γ v_s')} is exactly this
 * case). A reduction given per transition, d<sub>s,s'</sub><sup>a</sup>, enters the expected
 * per-choice reward as d_c = Σ<sub>s'</sub> p(s'|s,a) d<sub>s,s'</sub><sup>a</sup>
 * ({@link Builder#transitionReduction}).
 *
 * <p>The follower's optimal value vector v*(x) is unique (it is the fixed point of a contraction
 * for γ &lt; 1), so f(v) = w·v*(x) is well defined however many optimal policies the follower
 * has; see {@link SingleLevelMilp} for what this means for the optimistic and pessimistic cases.
 *
 * <p>Requirements, checked by {@link Builder#build()}: γ &lt; 1; every bound finite (X is
 * compact); every number finite. Instances are immutable; arrays are copied in and out.
 */
public final class BilevelInstance {
    private final Mdp follower;
    private final int n;
    private final double[] cost;
    private final double[] lower;
    private final double[] upper;
    private final boolean[] integer;
    private final double[][] eqRows;
    private final double[] eqRhs;
    private final double[][] leRows;
    private final double[] leRhs;
    private final int[] dStart;
    private final int[] dVar;
    private final double[] dVal;
    private final double[] weights;
    private final String[] names;

    private BilevelInstance(Builder b) {
        this.follower = b.follower;
        this.n = b.n;
        this.cost = b.cost.clone();
        this.lower = b.lower.clone();
        this.upper = b.upper.clone();
        this.integer = b.integer.clone();
        this.eqRows = b.eqRows.toArray(new double[0][]);
        this.eqRhs = b.eqRhs.stream().mapToDouble(Double::doubleValue).toArray();
        this.leRows = b.leRows.toArray(new double[0][]);
        this.leRhs = b.leRhs.stream().mapToDouble(Double::doubleValue).toArray();
        this.weights = b.weights.clone();
        this.names = b.names.clone();
        int choices = follower.numChoices();
        this.dStart = new int[choices + 1];
        int nnz = 0;
        for (int c = 0; c < choices; c++) {
            dStart[c] = nnz;
            if (b.d[c] != null) {
                for (double v : b.d[c]) {
                    if (v != 0) {
                        nnz++;
                    }
                }
            }
        }
        dStart[choices] = nnz;
        this.dVar = new int[nnz];
        this.dVal = new double[nnz];
        for (int c = 0, k = 0; c < choices; c++) {
            if (b.d[c] != null) {
                for (int i = 0; i < n; i++) {
                    if (b.d[c][i] != 0) {
                        dVar[k] = i;
                        dVal[k++] = b.d[c][i];
                    }
                }
            }
        }
    }

    /** A builder for a leader with {@code n} decision variables over the follower {@code follower}. */
    public static Builder builder(Mdp follower, int n) {
        return new Builder(follower, n);
    }

    /** The follower's MDP (with the unreduced rewards r). */
    public Mdp follower() {
        return follower;
    }

    /** Number of leader variables n. */
    public int numVariables() {
        return n;
    }

    /** The leader's cost vector c (copy). */
    public double[] cost() {
        return cost.clone();
    }

    /** Lower bound of x_i. */
    public double lower(int i) {
        return lower[i];
    }

    /** Upper bound of x_i. */
    public double upper(int i) {
        return upper[i];
    }

    /** Whether x_i is integer. */
    public boolean isInteger(int i) {
        return integer[i];
    }

    /** Name of x_i (default {@code x<i>}). */
    public String name(int i) {
        return names[i];
    }

    /** Number of equality rows of A x = b. */
    public int numEqualities() {
        return eqRows.length;
    }

    /** Row k of A (copy). */
    public double[] equalityRow(int k) {
        return eqRows[k].clone();
    }

    /** b_k. */
    public double equalityRhs(int k) {
        return eqRhs[k];
    }

    /** Number of rows of G x ≤ h. */
    public int numInequalities() {
        return leRows.length;
    }

    /** Row k of G (copy). */
    public double[] inequalityRow(int k) {
        return leRows[k].clone();
    }

    /** h_k. */
    public double inequalityRhs(int k) {
        return leRhs[k];
    }

    /** The weights w of f(v) = w·v, one per follower state (copy). */
    public double[] weights() {
        return weights.clone();
    }

    /** Σ |w_s|. */
    public double weightNorm1() {
        double sum = 0;
        for (double x : weights) {
            sum += Math.abs(x);
        }
        return sum;
    }

    /** First index of choice c's nonzero reductions in {@link #reductionVariables()}; length C+1. */
    int[] reductionStart() {
        return dStart;
    }

    /** Variable index of each nonzero reduction entry; not copied. */
    int[] reductionVariables() {
        return dVar;
    }

    /** Value d_{c,i} of each nonzero reduction entry; not copied. */
    double[] reductionValues() {
        return dVal;
    }

    /** The reduction vector d_c of choice c (dense copy). */
    public double[] reduction(int c) {
        double[] d = new double[n];
        for (int k = dStart[c]; k < dStart[c + 1]; k++) {
            d[dVar[k]] = dVal[k];
        }
        return d;
    }

    /** c·x. */
    public double leaderCost(double[] x) {
        checkLength(x);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += cost[i] * x[i];
        }
        return sum;
    }

    /** f(v) = w·v. */
    public double followerTerm(double[] v) {
        double sum = 0;
        for (int s = 0; s < weights.length; s++) {
            sum += weights[s] * v[s];
        }
        return sum;
    }

    /** The follower's per-choice rewards r_c − d_c·x for the leader's decision x (new array). */
    public double[] rewardsAt(double[] x) {
        checkLength(x);
        double[] r = follower.rewardArray();
        double[] out = new double[r.length];
        for (int c = 0; c < r.length; c++) {
            double sum = r[c];
            for (int k = dStart[c]; k < dStart[c + 1]; k++) {
                sum -= dVal[k] * x[dVar[k]];
            }
            out[c] = sum;
        }
        return out;
    }

    /** The follower's MDP with rewards r − D x. */
    public Mdp followerAt(double[] x) {
        return follower.withRewards(rewardsAt(x));
    }

    /**
     * R = max over choices c and over the box l ≤ x ≤ u of |r_c − d_c·x|: a bound on every reduced
     * reward the follower can see, so |v*(x)| ≤ R/(1−γ) for every x in X.
     */
    public double rewardBound() {
        double[] r = follower.rewardArray();
        double bound = 0;
        for (int c = 0; c < r.length; c++) {
            double hi = r[c];
            double lo = r[c];
            for (int k = dStart[c]; k < dStart[c + 1]; k++) {
                double a = -dVal[k] * lower[dVar[k]];
                double b = -dVal[k] * upper[dVar[k]];
                hi += Math.max(a, b);
                lo += Math.min(a, b);
            }
            bound = Math.max(bound, Math.max(Math.abs(hi), Math.abs(lo)));
        }
        return bound;
    }

    /**
     * The largest violation of the leader's constraints by x (bounds, rows, integrality); 0 if x is
     * feasible.
     */
    public double violation(double[] x) {
        checkLength(x);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.max(lower[i] - x[i], x[i] - upper[i]));
            if (integer[i]) {
                worst = Math.max(worst, Math.abs(x[i] - Math.rint(x[i])));
            }
        }
        for (int k = 0; k < eqRows.length; k++) {
            worst = Math.max(worst, Math.abs(dot(eqRows[k], x) - eqRhs[k]));
        }
        for (int k = 0; k < leRows.length; k++) {
            worst = Math.max(worst, dot(leRows[k], x) - leRhs[k]);
        }
        return worst;
    }

    private static double dot(double[] a, double[] x) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * x[i];
        }
        return sum;
    }

    private void checkLength(double[] x) {
        if (x.length != n) {
            throw new IllegalArgumentException("x has " + x.length + " entries, the leader has " + n + " variables");
        }
    }

    /**
     * Builder of {@link BilevelInstance}. Defaults: c = 0, 0 ≤ x ≤ 1, all variables integer (so
     * binary), no rows, d = 0, w uniform over the follower's initial states (f(v) = the follower's
     * expected value from its initial distribution).
     */
    public static final class Builder {
        private final Mdp follower;
        private final int n;
        private double[] cost;
        private final double[] lower;
        private final double[] upper;
        private final boolean[] integer;
        private final List<double[]> eqRows = new ArrayList<>();
        private final List<Double> eqRhs = new ArrayList<>();
        private final List<double[]> leRows = new ArrayList<>();
        private final List<Double> leRhs = new ArrayList<>();
        private final double[][] d;
        private double[] weights;
        private final String[] names;

        private Builder(Mdp follower, int n) {
            if (follower == null) {
                throw new IllegalArgumentException("follower must not be null");
            }
            if (n < 1) {
                throw new IllegalArgumentException("the leader needs at least one variable, got n = " + n);
            }
            if (!(follower.discount() < 1)) {
                throw new IllegalArgumentException("the follower must be discounted (gamma < 1), got gamma = "
                        + follower.discount());
            }
            this.follower = follower;
            this.n = n;
            this.cost = new double[n];
            this.lower = new double[n];
            this.upper = new double[n];
            Arrays.fill(upper, 1.0);
            this.integer = new boolean[n];
            Arrays.fill(integer, true);
            this.d = new double[follower.numChoices()][];
            this.names = new String[n];
            for (int i = 0; i < n; i++) {
                names[i] = "x" + i;
            }
            double[] w = new double[follower.numStates()];
            int[] init = Arrays.stream(follower.initialStates()).distinct().toArray();
            for (int s : init) {
                w[s] = 1.0 / init.length;
            }
            this.weights = w;
        }

        /** The leader's cost vector c. */
        public Builder cost(double[] c) {
            this.cost = finite(c, n, "c").clone();
            return this;
        }

        /** Bounds and integrality of x_i; integer bounds are rounded inward. */
        public Builder variable(int i, double lo, double hi, boolean isInteger) {
            checkIndex(i);
            if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
                throw new IllegalArgumentException("x" + i + ": bounds must be finite (X is compact), got [" + lo
                        + ", " + hi + "]");
            }
            if (isInteger) {
                lo = Math.ceil(lo - 1e-9);
                hi = Math.floor(hi + 1e-9);
            }
            if (lo > hi) {
                throw new IllegalArgumentException("x" + i + ": empty range [" + lo + ", " + hi + "]");
            }
            lower[i] = lo;
            upper[i] = hi;
            integer[i] = isInteger;
            return this;
        }

        /** The name of x_i, used in reports. */
        public Builder name(int i, String name) {
            checkIndex(i);
            names[i] = name;
            return this;
        }

        /** Adds the row a·x = rhs. */
        public Builder equality(double[] a, double rhs) {
            eqRows.add(finite(a, n, "row of A").clone());
            eqRhs.add(finite(rhs, "b"));
            return this;
        }

        /** Adds the row g·x ≤ rhs. */
        public Builder lessOrEqual(double[] g, double rhs) {
            leRows.add(finite(g, n, "row of G").clone());
            leRhs.add(finite(rhs, "h"));
            return this;
        }

        /** Adds {@code dc} to the reduction vector d_c of choice c. */
        public Builder reduction(int c, double[] dc) {
            if (c < 0 || c >= d.length) {
                throw new IllegalArgumentException("choice " + c + " out of range 0.." + (d.length - 1));
            }
            finite(dc, n, "d");
            if (d[c] == null) {
                d[c] = new double[n];
            }
            for (int i = 0; i < n; i++) {
                d[c][i] += dc[i];
            }
            return this;
        }

        /**
         * Adds the per-transition reduction d<sub>s,s'</sub><sup>a</sup> of choice c and successor s'
         * to d_c, weighted by p(s'|c): d_c += p(s'|c)·d.
         *
         * @throws IllegalArgumentException if c has no transition to {@code successor}
         */
        public Builder transitionReduction(int c, int successor, double[] dss) {
            if (c < 0 || c >= d.length) {
                throw new IllegalArgumentException("choice " + c + " out of range 0.." + (d.length - 1));
            }
            finite(dss, n, "d");
            for (int k = follower.transitionStart(c); k < follower.transitionEnd(c); k++) {
                if (follower.successor(k) == successor) {
                    double p = follower.probability(k);
                    double[] scaled = new double[n];
                    for (int i = 0; i < n; i++) {
                        scaled[i] = p * dss[i];
                    }
                    return reduction(c, scaled);
                }
            }
            throw new IllegalArgumentException("choice " + c + " (state " + follower.stateOfChoice(c) + ", action "
                    + follower.actionLabel(c) + ") has no transition to state " + successor);
        }

        /** The weights w of f(v) = w·v, one per follower state. */
        public Builder weights(double[] w) {
            this.weights = finite(w, follower.numStates(), "w").clone();
            return this;
        }

        /** The instance. */
        public BilevelInstance build() {
            return new BilevelInstance(this);
        }

        private void checkIndex(int i) {
            if (i < 0 || i >= n) {
                throw new IllegalArgumentException("variable " + i + " out of range 0.." + (n - 1));
            }
        }

        private static double[] finite(double[] a, int length, String what) {
            if (a == null || a.length != length) {
                throw new IllegalArgumentException(what + " must have " + length + " entries, got "
                        + (a == null ? "null" : a.length));
            }
            for (int i = 0; i < a.length; i++) {
                finite(a[i], what + "[" + i + "]");
            }
            return a;
        }

        private static double finite(double v, String what) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " must be finite, got " + v);
            }
            return v;
        }
    }
}
