package org.sparsemdp.solve.undiscounted;

/**
 * The inner loops of interval iteration on a {@link ReducedSystem}: a fused Gauss–Seidel sweep
 * that updates the lower and the upper vector in one pass over the CSR arrays, and a Jacobi
 * step for {@link ExitRateBounds}. Primitive arrays only, no
 * allocation.
 *
 * <p><b>Rounding.</b> All these systems have non-negative constants and probabilities, and the
 * vectors they are applied to are non-negative, so the value of a choice is a sum of at most
 * K + 1 non-negative terms (K the largest number of transitions of a choice of the original
 * model, which also bounds the terms folded into the constant). Its computed value then lies
 * within a relative γ<sub>2K+2</sub> ≤ {@link #relativeError}(K) of the exact one (Higham,
 * "Accuracy and Stability of Numerical Algorithms", 2nd ed., 2002, §3.1 and §4.2), and a maximum
 * or minimum of such values is exact. Every lower value written is therefore the computed value
 * decreased by that relative error, and every upper value increased by it: the lower vector
 * stays a true lower bound of the exact Bellman image, so below the fixed point, and the upper
 * vector above it, whatever the rounding (directed outward rounding at the cost of one
 * multiply-add per state).
 */
public final class IntervalSweeps {
    /** Unit roundoff of double precision, 2<sup>−53</sup>. */
    static final double UNIT_ROUNDOFF = 0x1p-53;

    private IntervalSweeps() {
    }

    /**
     * A bound on the relative rounding error of one choice value with at most {@code k}
     * transitions: 2·(2k + 4)·u, twice Higham's γ<sub>2k+4</sub> for safety margin. Public so
     * that the distributed interval iteration (solver-spark) rounds outward by the same amount.
     *
     * @param k the largest number of transitions of a choice
     * @return the relative error bound
     */
    public static double relativeError(int k) {
        return 2.0 * (2.0 * k + 4.0) * UNIT_ROUNDOFF;
    }

    /**
     * One fused in-place sweep of the states {@code order[from..to-1]} (forward or backward):
     * l(q) ← max(l(q), ↓(Tl)(q)), u(q) ← min(u(q), ↑(Tu)(q)), with ↓/↑ the outward rounding of
     * the class comment.
     *
     * @return the number of swept states that fail the stopping rule with {@code eps} after their
     *         update (their bounds do not change again in this sweep)
     */
    static int fused(ReducedSystem sys, boolean maximize, double[] lower, double[] upper, int[] order, int from,
                     int to, boolean forward, double rel, double eps, boolean relative) {
        final int[] cs = sys.choiceStart;
        final int[] ts = sys.transStart;
        final int[] succ = sys.successor;
        final double[] prob = sys.probability;
        final double[] con = sys.constant;
        final double identity = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        int failing = 0;
        for (int i = from; i < to; i++) {
            final int q = order[forward ? i : to - 1 - (i - from)];
            double lo = identity;
            double hi = identity;
            final int cEnd = cs[q + 1];
            int k = ts[cs[q]];
            for (int c = cs[q]; c < cEnd; c++) {
                final int kEnd = ts[c + 1];
                double vl = con[c];
                double vu = vl;
                for (; k < kEnd; k++) {
                    final double p = prob[k];
                    final int t = succ[k];
                    vl += p * lower[t];
                    vu += p * upper[t];
                }
                if (maximize) {
                    lo = Math.max(lo, vl);
                    hi = Math.max(hi, vu);
                } else {
                    lo = Math.min(lo, vl);
                    hi = Math.min(hi, vu);
                }
            }
            lo -= lo * rel;
            hi += hi * rel;
            double l = lower[q];
            double u = upper[q];
            if (lo > l) {
                lower[q] = l = lo;
            }
            if (hi < u) {
                upper[q] = u = hi;
            }
            if (!(u - l <= (relative ? eps * l : eps))) {
                failing++;
            }
        }
        return failing;
    }

    /**
     * A Jacobi step: {@code w[q]} = (Tx)(q) as computed (rounded to nearest), for the states
     * {@code order[from..to-1]}; {@code x} is not modified. {@code choice[q]} receives a reduced
     * choice attaining the optimum (the first one).
     */
    static void jacobi(ReducedSystem sys, boolean maximize, double[] x, double[] w, int[] order, int from, int to,
                       int[] choice) {
        final int[] cs = sys.choiceStart;
        final int[] ts = sys.transStart;
        final int[] succ = sys.successor;
        final double[] prob = sys.probability;
        final double[] con = sys.constant;
        // the choice is kept without a branch (a conditional move, as in BellmanKernel): the
        // comparison of choice values is unpredictable, and its mispredictions made this step
        // 2.4 times slower per transition than the discounted sweep (SweepRateProbe)
        final double sign = maximize ? 1.0 : -1.0;
        for (int i = from; i < to; i++) {
            final int q = order[i];
            double signedBest = Double.NEGATIVE_INFINITY;
            int arg = cs[q];
            final int cEnd = cs[q + 1];
            int k = ts[cs[q]];
            for (int c = cs[q]; c < cEnd; c++) {
                final int kEnd = ts[c + 1];
                double v = con[c];
                for (; k < kEnd; k++) {
                    v += prob[k] * x[succ[k]];
                }
                final double signed = sign * v; // exact: a change of sign
                arg = signed > signedBest ? c : arg; // the first optimal choice
                signedBest = Math.max(signedBest, signed);
            }
            w[q] = sign * signedBest;
            choice[q] = arg;
        }
    }
    /**
     * One in-place Gauss–Seidel sweep of the lower vector alone over {@code order[from..to-1]}
     * (forward or backward): l(q) ← max(l(q), ↓(Tl)(q)), with ↓ the outward rounding of the class
     * comment ({@link OptimisticValueIteration}'s iteration phase).
     *
     * @return the largest change of a swept value (divided by its new value in relative mode),
     *         or +∞ if a swept value is still 0
     */
    static double lower(ReducedSystem sys, boolean maximize, double[] lower, int[] order, int from, int to,
                        boolean forward, double rel, boolean relative) {
        final int[] cs = sys.choiceStart;
        final int[] ts = sys.transStart;
        final int[] succ = sys.successor;
        final double[] prob = sys.probability;
        final double[] con = sys.constant;
        final double identity = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        double change = 0;
        boolean zero = false;
        for (int i = from; i < to; i++) {
            final int q = order[forward ? i : to - 1 - (i - from)];
            double best = identity;
            final int cEnd = cs[q + 1];
            int k = ts[cs[q]];
            for (int c = cs[q]; c < cEnd; c++) {
                final int kEnd = ts[c + 1];
                double v = con[c];
                for (; k < kEnd; k++) {
                    v += prob[k] * lower[succ[k]];
                }
                best = maximize ? Math.max(best, v) : Math.min(best, v);
            }
            best -= best * rel;
            final double l = lower[q];
            if (best > l) {
                lower[q] = best;
                final double d = best - l;
                change = Math.max(change, relative ? d / best : d);
            } else if (l == 0.0) {
                zero = true;
            }
        }
        return zero ? Double.POSITIVE_INFINITY : change;
    }

    /**
     * One fused in-place sweep for {@link OptimisticValueIteration}'s verification phase over
     * {@code order[from..to-1]}: l(q) ← max(l(q), ↓(Tl)(q)) and, for the guessed upper vector u,
     * u(q) ← min(u(q), ↑(Tu)(q)), with ↓/↑ the outward rounding of the class comment.
     *
     * @return −1 if some l(q) ends above u(q) (the guess is below the fixed point there),
     *         otherwise the number of states with ↑(Tu)(q) &gt; u(q); 0 means the swept u
     *         satisfies Tu ≤ u exactly
     */
    static int verify(ReducedSystem sys, boolean maximize, double[] lower, double[] upper, int[] order, int from,
                      int to, boolean forward, double rel) {
        final int[] cs = sys.choiceStart;
        final int[] ts = sys.transStart;
        final int[] succ = sys.successor;
        final double[] prob = sys.probability;
        final double[] con = sys.constant;
        final double identity = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        int rising = 0;
        boolean crossed = false;
        for (int i = from; i < to; i++) {
            final int q = order[forward ? i : to - 1 - (i - from)];
            double lo = identity;
            double hi = identity;
            final int cEnd = cs[q + 1];
            int k = ts[cs[q]];
            for (int c = cs[q]; c < cEnd; c++) {
                final int kEnd = ts[c + 1];
                double vl = con[c];
                double vu = vl;
                for (; k < kEnd; k++) {
                    final double p = prob[k];
                    final int t = succ[k];
                    vl += p * lower[t];
                    vu += p * upper[t];
                }
                if (maximize) {
                    lo = Math.max(lo, vl);
                    hi = Math.max(hi, vu);
                } else {
                    lo = Math.min(lo, vl);
                    hi = Math.min(hi, vu);
                }
            }
            lo -= lo * rel;
            hi += hi * rel;
            double l = lower[q];
            if (lo > l) {
                lower[q] = l = lo;
            }
            double u = upper[q];
            if (hi <= u) {
                upper[q] = u = hi;
            } else {
                rising++;
            }
            crossed |= l > u;
        }
        return crossed ? -1 : rising;
    }

    /**
     * One in-place check sweep of a guessed lower vector over {@code order[from..to-1]} (forward
     * or backward): l(q) ← min(l(q), ↓(Tl)(q)), with ↓ the outward rounding of the class comment
     * ({@link SspPolicyIteration}'s certificate).
     *
     * @return the number of states lowered; 0 means the swept l satisfies Tl ≥ l exactly (no value
     *         changed during the sweep), hence lies below the fixed point
     */
    static int lowerCheck(ReducedSystem sys, boolean maximize, double[] lower, int[] order, int from, int to,
                          boolean forward, double rel) {
        final int[] cs = sys.choiceStart;
        final int[] ts = sys.transStart;
        final int[] succ = sys.successor;
        final double[] prob = sys.probability;
        final double[] con = sys.constant;
        final double identity = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        int falling = 0;
        for (int i = from; i < to; i++) {
            final int q = order[forward ? i : to - 1 - (i - from)];
            double best = identity;
            final int cEnd = cs[q + 1];
            int k = ts[cs[q]];
            for (int c = cs[q]; c < cEnd; c++) {
                final int kEnd = ts[c + 1];
                double v = con[c];
                for (; k < kEnd; k++) {
                    v += prob[k] * lower[succ[k]];
                }
                best = maximize ? Math.max(best, v) : Math.min(best, v);
            }
            best -= best * rel;
            if (best < lower[q]) {
                lower[q] = best;
                falling++;
            }
        }
        return falling;
    }

    /**
     * One in-place sweep of {@link SoundValueIteration} over {@code order[from..to-1]} (forward
     * or backward). {@code low} and {@code high} hold per state the pair (x, y) of the lower and
     * the upper side, x at {@code 2q} and y at {@code 2q + 1}, rounded outward after each update
     * (low down, high up). The optimising side (high for max, low for min) takes the best x and
     * the best y over the choices separately; the other side the pair of the choice best for the
     * scalar bound {@code other} (U for min, +∞ meaning the smallest y; L for max).
     */
    static void sound(ReducedSystem sys, boolean maximize, double[] low, double[] high, int[] order, int from, int to,
                      boolean forward, double rel, double other) {
        final int[] cs = sys.choiceStart;
        final int[] ts = sys.transStart;
        final int[] succ = sys.successor;
        final double[] prob = sys.probability;
        final double[] con = sys.constant;
        final double[] opt = maximize ? high : low;
        final double[] pol = maximize ? low : high;
        final double optRel = maximize ? rel : -rel;
        final boolean infinite = other == Double.POSITIVE_INFINITY;
        for (int i = from; i < to; i++) {
            final int q = order[forward ? i : to - 1 - (i - from)];
            final int cEnd = cs[q + 1];
            int k = ts[cs[q]];
            double bestX = maximize ? 0.0 : Double.POSITIVE_INFINITY;
            double bestY = bestX;
            double polX = 0.0;
            double polY = 0.0;
            double polF = 0.0;
            for (int c = cs[q]; c < cEnd; c++) {
                final int kEnd = ts[c + 1];
                double ox = con[c];
                double oy = 0.0;
                double px = ox;
                double py = 0.0;
                for (; k < kEnd; k++) {
                    final double p = prob[k];
                    final int t = 2 * succ[k];
                    ox += p * opt[t];
                    oy += p * opt[t + 1];
                    px += p * pol[t];
                    py += p * pol[t + 1];
                }
                ox += ox * optRel;
                oy += oy * optRel;
                px -= px * optRel;
                py -= py * optRel;
                if (maximize) {
                    bestX = Math.max(bestX, ox);
                    bestY = Math.max(bestY, oy);
                } else {
                    bestX = Math.min(bestX, ox);
                    bestY = Math.min(bestY, oy);
                }
                final boolean first = c == cs[q];
                if (infinite) {
                    if (first || py < polY || py == polY && px < polX) {
                        polX = px;
                        polY = py;
                    }
                } else {
                    final double f = px + py * other;
                    if (first || (maximize ? f > polF : f < polF)) {
                        polX = px;
                        polY = py;
                        polF = f;
                    }
                }
            }
            opt[2 * q] = bestX;
            opt[2 * q + 1] = bestY;
            pol[2 * q] = polX;
            pol[2 * q + 1] = polY;
        }
    }

    /**
     * Per-state bounds of {@link SoundValueIteration} from its pairs and scalar bounds:
     * l(q) ← max(l(q), ↓(x<sub>l</sub> + y<sub>l</sub>·L)), u(q) ← min(u(q), ↑(x<sub>u</sub> +
     * y<sub>u</sub>·U)), each operation rounded one ulp outward.
     *
     * @return the number of states of {@code order[from..to-1]} failing the stopping rule with
     *         {@code eps}
     */
    static int soundBounds(double[] low, double[] high, double[] lower, double[] upper, int[] order, int from, int to,
                           double lb, double ub, double eps, boolean relative) {
        int failing = 0;
        for (int i = from; i < to; i++) {
            final int q = order[i];
            final double yl = low[2 * q + 1];
            double lo = low[2 * q];
            if (yl > 0 && lb > 0) {
                lo = Math.nextDown(lo + Math.nextDown(yl * lb));
            }
            final double yh = high[2 * q + 1];
            double hi = high[2 * q];
            if (yh > 0) {
                hi = ub == Double.POSITIVE_INFINITY ? ub : Math.nextUp(hi + Math.nextUp(yh * ub));
            }
            double l = lower[q];
            double u = upper[q];
            if (lo > l) {
                lower[q] = l = lo;
            }
            if (hi < u) {
                upper[q] = u = hi;
            }
            if (!(u - l <= (relative ? eps * l : eps))) {
                failing++;
            }
        }
        return failing;
    }
}
