package org.sparsemdp.solve.undiscounted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;

/**
 * Interval iteration against an independent oracle: on tiny random MDPs (with end components,
 * zero rewards, terminal states) every memoryless deterministic policy is enumerated — such
 * policies are optimal for these objectives (Puterman 1994, §7.2; Baier &amp; Katoen 2008, Lemma
 * 10.102) — and its Markov chain solved exactly by graph search plus dense Gaussian elimination.
 */
class ReachabilityOracleTest {
    private static final double EPS = 1e-8;

    @Test
    void boundsContainTheExactOptimumOnRandomModels() {
        Random rnd = new Random(20260601L);
        SolverOptions options = SolverOptions.builder().epsilon(EPS).build();
        int checked = 0;
        int infinite = 0;
        int loose = 0;
        for (int round = 0; round < 300; round++) {
            Mdp mdp = randomModel(rnd);
            int n = mdp.numStates();
            BitSet target = new BitSet(n);
            target.set(rnd.nextInt(n));
            if (rnd.nextBoolean()) {
                target.set(rnd.nextInt(n));
            }
            for (Objective o : Objective.values()) {
                double[] exactP = Oracle.optimum(mdp, target, o, false);
                double[] exactR = Oracle.optimum(mdp, target, o, true);
                for (IterationOrder order : IterationOrder.values()) {
                    Solution p = Reachability.probability(mdp, target, o, options, false, order);
                    checked += check(p, exactP, EPS);
                    loose += checkPolicy(p, Oracle.probabilityOf(mdp, target, choices(mdp, p)), exactP, EPS);
                    Solution r = Reachability.reward(mdp, mdp.rewardArray(), target, o, options, false, order);
                    checked += check(r, exactR, EPS * Math.max(1, max(exactR)));
                    loose += checkPolicy(r, Oracle.rewardOf(mdp, target, choices(mdp, r)), exactR,
                            EPS * Math.max(1, max(exactR)));
                }
                for (double v : exactR) {
                    infinite += v == Double.POSITIVE_INFINITY ? 1 : 0;
                }
            }
        }
        assertTrue(checked > 10000, "too few finite values checked: " + checked);
        assertTrue(loose == 0, loose + " policies with a bound above 4 epsilon");
        assertTrue(infinite > 100, "too few infinite values checked: " + infinite);
    }

    @Test
    void relativeCriterionIsMet() {
        Random rnd = new Random(7);
        double eps = 1e-4;
        SolverOptions options = SolverOptions.builder().epsilon(eps).build();
        for (int round = 0; round < 50; round++) {
            Mdp mdp = randomModel(rnd);
            BitSet target = new BitSet();
            target.set(0);
            for (Objective o : Objective.values()) {
                Solution s = Reachability.reward(mdp, mdp.rewardArray(), target, o, options, true);
                double[] exact = Oracle.optimum(mdp, target, o, true);
                for (int i = 0; i < mdp.numStates(); i++) {
                    final int st = i;
                    double lo = s.lower()[st];
                    double hi = s.upper()[st];
                    if (Double.isFinite(exact[st])) {
                        assertTrue(hi - lo <= (lo > 0 ? eps * lo : eps) + 1e-15);
                        assertTrue(lo <= exact[st] + 1e-9 && exact[st] <= hi + 1e-9);
                    }
                }
            }
        }
    }

    static int check(Solution s, double[] exact, double tol) {
        assertEquals(Status.CONVERGED, s.status());
        assertEquals(Accuracy.CERTIFIED, s.accuracy());
        int finite = 0;
        for (int i = 0; i < exact.length; i++) {
            final int st = i;
            if (Double.isInfinite(exact[st])) {
                assertEquals(exact[st], s.value(st), "state " + st);
                continue;
            }
            finite++;
            double slack = 1e-9 * Math.max(1, Math.abs(exact[st]));
            assertTrue(s.lower()[st] <= exact[st] + slack, () -> "lower above exact at " + st);
            assertTrue(s.upper()[st] >= exact[st] - slack, () -> "upper below exact at " + st);
            assertEquals(exact[st], s.value(st), tol, "state " + st);
            assertTrue(s.errorBound() >= Math.abs(s.value(st) - exact[st]) - slack);
        }
        return finite;
    }

    /** The policy of a solution as per-state choice offsets, as the oracle takes them. */
    static int[] choices(Mdp mdp, Solution s) {
        int[] c = new int[mdp.numStates()];
        for (int st = 0; st < c.length; st++) {
            c[st] = s.policy()[st] < 0 ? 0 : s.policy()[st] - mdp.choiceStart(st);
        }
        return c;
    }

    /**
     * Checks that the policy's exact values {@code ofPolicy} lie within the certified
     * {@link Solution#policyBound()} of the exact optimum; returns 1 if that bound exceeds 4·tol.
     */
    static int checkPolicy(Solution s, double[] ofPolicy, double[] exact, double tol) {
        double bound = s.policyBound();
        assertTrue(bound >= 0, "policy bound " + bound);
        for (int st = 0; st < exact.length; st++) {
            double loss = ofPolicy[st] == exact[st] ? 0 : Math.abs(ofPolicy[st] - exact[st]);
            assertTrue(loss <= bound + 1e-9 * Math.max(1, Math.abs(exact[st])),
                    "state " + st + ": policy " + ofPolicy[st] + ", optimum " + exact[st] + ", bound " + bound);
        }
        return bound <= 4 * tol ? 0 : 1;
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                m = Math.max(m, x);
            }
        }
        return m;
    }

    /** 4–7 states, a terminal state now and then, 1–2 choices of 1–3 successors, half the rewards 0. */
    static Mdp randomModel(Random rnd) {
        int n = 4 + rnd.nextInt(4);
        MdpBuilder b = new MdpBuilder(n);
        for (int s = 0; s < n; s++) {
            if (rnd.nextInt(6) == 0) {
                continue; // terminal
            }
            int choices = 1 + rnd.nextInt(2);
            for (int c = 0; c < choices; c++) {
                int k = 1 + rnd.nextInt(3);
                int[] t = new int[k];
                double[] p = new double[k];
                double sum = 0;
                for (int i = 0; i < k; i++) {
                    t[i] = rnd.nextInt(n);
                    p[i] = 0.1 + rnd.nextDouble();
                    sum += p[i];
                }
                for (int i = 0; i < k; i++) {
                    p[i] /= sum;
                }
                double r = rnd.nextBoolean() ? 0.0 : Math.floor(1 + 9 * rnd.nextDouble());
                b.addChoice(s, "c" + c, r, t, p);
            }
        }
        return b.build();
    }

    /** Exact values by enumeration of memoryless deterministic policies. */
    static final class Oracle {
        static double[] optimum(Mdp mdp, BitSet target, Objective o, boolean reward) {
            return optimum(mdp, o, choice -> reward ? rewardOf(mdp, target, choice) : probabilityOf(mdp, target, choice));
        }

        /** The optimum over memoryless deterministic policies of {@code valueOf(policy)}. */
        static double[] optimum(Mdp mdp, Objective o, java.util.function.Function<int[], double[]> valueOf) {
            int n = mdp.numStates();
            int[] choice = new int[n];
            double[] best = new double[n];
            java.util.Arrays.fill(best, o == Objective.MAXIMIZE ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            while (true) {
                double[] v = valueOf.apply(choice);
                for (int s = 0; s < n; s++) {
                    best[s] = o == Objective.MAXIMIZE ? Math.max(best[s], v[s]) : Math.min(best[s], v[s]);
                }
                int s = 0; // next policy, odometer style
                while (s < n && (mdp.numChoices(s) == 0 || ++choice[s] == mdp.numChoices(s))) {
                    choice[s] = 0;
                    s++;
                }
                if (s == n) {
                    return best;
                }
            }
        }

        /** Successor probabilities of state s under the policy, as a dense row (terminal: none). */
        static double[] row(Mdp mdp, int s, int[] choice) {
            double[] row = new double[mdp.numStates()];
            if (mdp.numChoices(s) > 0) {
                int c = mdp.choiceStart(s) + choice[s];
                for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                    row[mdp.successor(k)] += mdp.probability(k);
                }
            }
            return row;
        }

        /** States of the chain with a path to {@code to}. */
        static boolean[] canReach(Mdp mdp, int[] choice, boolean[] to, BitSet avoid) {
            int n = mdp.numStates();
            boolean[] r = to.clone();
            boolean changed = true;
            while (changed) {
                changed = false;
                for (int s = 0; s < n; s++) {
                    if (r[s] || (avoid != null && avoid.get(s))) {
                        continue;
                    }
                    double[] row = row(mdp, s, choice);
                    for (int t = 0; t < n; t++) {
                        if (row[t] > 0 && r[t]) {
                            r[s] = true;
                            changed = true;
                            break;
                        }
                    }
                }
            }
            return r;
        }

        static double[] probabilityOf(Mdp mdp, BitSet target, int[] choice) {
            int n = mdp.numStates();
            boolean[] t = new boolean[n];
            for (int s = 0; s < n; s++) {
                t[s] = target.get(s);
            }
            boolean[] reach = canReach(mdp, choice, t, null);
            boolean[] unknown = new boolean[n];
            double[] b = new double[n];
            for (int s = 0; s < n; s++) {
                unknown[s] = reach[s] && !t[s];
            }
            double[] x = solve(mdp, choice, unknown, s -> {
                double[] row = row(mdp, s, choice);
                double v = 0;
                for (int u = 0; u < n; u++) {
                    v += t[u] ? row[u] : 0;
                }
                return v;
            });
            for (int s = 0; s < n; s++) {
                b[s] = t[s] ? 1.0 : unknown[s] ? x[s] : 0.0;
            }
            return b;
        }

        static double[] rewardOf(Mdp mdp, BitSet target, int[] choice) {
            int n = mdp.numStates();
            boolean[] t = new boolean[n];
            for (int s = 0; s < n; s++) {
                t[s] = target.get(s);
            }
            boolean[] reach = canReach(mdp, choice, t, null);
            boolean[] notReach = new boolean[n];
            for (int s = 0; s < n; s++) {
                notReach[s] = !reach[s];
            }
            boolean[] mayMiss = canReach(mdp, choice, notReach, target); // reach probability < 1
            boolean[] unknown = new boolean[n];
            for (int s = 0; s < n; s++) {
                unknown[s] = !mayMiss[s] && !t[s];
            }
            double[] x = solve(mdp, choice, unknown,
                    s -> mdp.reward(mdp.choiceStart(s) + choice[s]));
            double[] v = new double[n];
            for (int s = 0; s < n; s++) {
                v[s] = t[s] ? 0.0 : unknown[s] ? x[s] : Double.POSITIVE_INFINITY;
            }
            return v;
        }

        /** Solves x = b + P x on the unknown states (others contribute 0) by Gaussian elimination. */
        static double[] solve(Mdp mdp, int[] choice, boolean[] unknown, java.util.function.IntToDoubleFunction b) {
            int n = mdp.numStates();
            double[][] a = new double[n][n + 1];
            for (int s = 0; s < n; s++) {
                a[s][s] = 1;
                if (!unknown[s]) {
                    continue;
                }
                double[] row = row(mdp, s, choice);
                for (int u = 0; u < n; u++) {
                    if (unknown[u]) {
                        a[s][u] -= row[u];
                    }
                }
                a[s][n] = b.applyAsDouble(s);
            }
            for (int col = 0; col < n; col++) {
                int piv = col;
                for (int r = col + 1; r < n; r++) {
                    if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                        piv = r;
                    }
                }
                double[] tmp = a[col];
                a[col] = a[piv];
                a[piv] = tmp;
                for (int r = 0; r < n; r++) {
                    if (r != col && a[r][col] != 0) {
                        double f = a[r][col] / a[col][col];
                        for (int k = col; k <= n; k++) {
                            a[r][k] -= f * a[col][k];
                        }
                    }
                }
            }
            double[] x = new double[n];
            for (int s = 0; s < n; s++) {
                x[s] = a[s][n] / a[s][s];
            }
            return x;
        }
    }
}
