package org.sparsemdp.testing;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Solution;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exact rational optimal values of small discounted MDPs, computed from the exact values of the
 * doubles the solvers read (probabilities, rewards, discount): every deterministic policy is
 * evaluated by Gaussian elimination over fractions of BigIntegers, and v* is the state-wise optimum
 * over them (an optimal policy is optimal in every state at once; Puterman 1994, Theorem 6.2.10).
 * Independent of the code under test; for models with at most a few hundred policies.
 */
public final class ExactValues {
    private ExactValues() {
    }

    /** An exact fraction num/den, den &gt; 0, in lowest terms. */
    public record Fraction(BigInteger num, BigInteger den) implements Comparable<Fraction> {
        public static final Fraction ZERO = new Fraction(BigInteger.ZERO, BigInteger.ONE);
        public static final Fraction ONE = new Fraction(BigInteger.ONE, BigInteger.ONE);

        public Fraction {
            if (den.signum() < 0) {
                num = num.negate();
                den = den.negate();
            }
            BigInteger g = num.gcd(den);
            if (g.signum() != 0 && !g.equals(BigInteger.ONE)) {
                num = num.divide(g);
                den = den.divide(g);
            }
        }

        /** The exact value of a finite double. */
        public static Fraction of(double x) {
            BigDecimal d = new BigDecimal(x);
            if (d.scale() <= 0) {
                return new Fraction(d.toBigIntegerExact(), BigInteger.ONE);
            }
            return new Fraction(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
        }

        public Fraction add(Fraction o) {
            return new Fraction(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
        }

        public Fraction subtract(Fraction o) {
            return new Fraction(num.multiply(o.den).subtract(o.num.multiply(den)), den.multiply(o.den));
        }

        public Fraction multiply(Fraction o) {
            return new Fraction(num.multiply(o.num), den.multiply(o.den));
        }

        public Fraction divide(Fraction o) {
            return new Fraction(num.multiply(o.den), den.multiply(o.num));
        }

        public Fraction abs() {
            return num.signum() < 0 ? new Fraction(num.negate(), den) : this;
        }

        public boolean isZero() {
            return num.signum() == 0;
        }

        @Override
        public int compareTo(Fraction o) {
            return num.multiply(o.den).compareTo(o.num.multiply(den));
        }

        public double toDouble() {
            return new BigDecimal(num).divide(new BigDecimal(den), java.math.MathContext.DECIMAL128).doubleValue();
        }
    }

    /** The exact optimal values of a discounted {@code mdp}. */
    public static Fraction[] optimalValues(Mdp mdp) {
        final int n = mdp.numStates();
        int[] policy = new int[n];
        for (int s = 0; s < n; s++) {
            policy[s] = mdp.isTerminal(s) ? -1 : mdp.choiceStart(s);
        }
        boolean maximize = mdp.objective() == Objective.MAXIMIZE;
        Fraction[] best = null;
        while (true) {
            Fraction[] v = evaluate(mdp, policy);
            if (best == null) {
                best = v;
            } else {
                for (int s = 0; s < n; s++) {
                    int cmp = v[s].compareTo(best[s]);
                    if (maximize ? cmp > 0 : cmp < 0) {
                        best[s] = v[s];
                    }
                }
            }
            int s = 0; // next policy, odometer order
            while (s < n && (policy[s] < 0 || policy[s] + 1 >= mdp.choiceEnd(s))) {
                if (policy[s] >= 0) {
                    policy[s] = mdp.choiceStart(s);
                }
                s++;
            }
            if (s == n) {
                return best;
            }
            policy[s]++;
        }
    }

    /** The exact values of a deterministic policy (choice per state, −1 for terminal states). */
    public static Fraction[] evaluate(Mdp mdp, int[] policy) {
        final int n = mdp.numStates();
        Fraction gamma = Fraction.of(mdp.discount());
        Fraction[][] a = new Fraction[n][n + 1];
        for (int s = 0; s < n; s++) {
            for (int t = 0; t <= n; t++) {
                a[s][t] = s == t ? Fraction.ONE : Fraction.ZERO;
            }
            int c = policy[s];
            if (c < 0) {
                continue;
            }
            a[s][n] = Fraction.of(mdp.reward(c));
            for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                int t = mdp.successor(k);
                a[s][t] = a[s][t].subtract(gamma.multiply(Fraction.of(mdp.probability(k))));
            }
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            while (a[pivot][col].isZero()) {
                pivot++;
            }
            Fraction[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            for (int row = 0; row < n; row++) {
                if (row != col && !a[row][col].isZero()) {
                    Fraction f = a[row][col].divide(a[col][col]);
                    for (int k = col; k <= n; k++) {
                        a[row][k] = a[row][k].subtract(f.multiply(a[col][k]));
                    }
                }
            }
        }
        Fraction[] v = new Fraction[n];
        for (int s = 0; s < n; s++) {
            v[s] = a[s][n].divide(a[s][s]);
        }
        return v;
    }

    /** max over states of |values[s] − exact[s]|, exactly. */
    public static Fraction maxError(double[] values, Fraction[] exact) {
        Fraction max = Fraction.ZERO;
        for (int s = 0; s < exact.length; s++) {
            if (!Double.isFinite(values[s])) {
                return null;
            }
            Fraction e = Fraction.of(values[s]).subtract(exact[s]).abs();
            if (e.compareTo(max) > 0) {
                max = e;
            }
        }
        return max;
    }

    /**
     * Asserts the contract of a certified result, exactly: if the accuracy is CERTIFIED (or EXACT),
     * every value is finite and within the error bound of the exact value, and the greedy policy
     * within its policy bound (exact values of the policy); an ESTIMATED result is never CONVERGED.
     */
    public static void assertCertified(Mdp mdp, Solution sol, Fraction[] exact, String what) {
        if (sol.accuracy() == Accuracy.ESTIMATED) {
            assertTrue(sol.status() != org.sparsemdp.result.Status.CONVERGED, what + ": ESTIMATED cannot converge");
            return;
        }
        Fraction error = maxError(sol.values(), exact);
        assertTrue(error != null, what + ": certified result with a non-finite value (" + sol + ")");
        double bound = sol.errorBound();
        assertTrue(bound >= 0 && !Double.isNaN(bound), what + ": bound " + bound);
        if (bound != Double.POSITIVE_INFINITY) {
            assertTrue(error.compareTo(Fraction.of(bound)) <= 0, what + ": true error " + error.toDouble()
                    + " exceeds the certified bound " + bound + " (" + sol + ")");
        }
        double policyBound = sol.policyBound();
        if (Double.isFinite(policyBound)) {
            Fraction[] achieved = evaluate(mdp, sol.policy());
            Fraction loss = maxError(achieved, exact);
            assertTrue(loss.compareTo(Fraction.of(policyBound)) <= 0, what + ": the policy loses " + loss.toDouble()
                    + ", more than its certified bound " + policyBound + " (" + sol + ")");
        }
    }

    private static Fraction maxError(Fraction[] values, Fraction[] exact) {
        Fraction max = Fraction.ZERO;
        for (int s = 0; s < exact.length; s++) {
            Fraction e = values[s].subtract(exact[s]).abs();
            if (e.compareTo(max) > 0) {
                max = e;
            }
        }
        return max;
    }
}
