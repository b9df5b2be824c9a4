package org.sparsemdp.bilevel;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * The single-level reformulation of a {@link BilevelInstance} (the seed {@code bilevel-mdp.md};
 * the KKT/strong-duality approach of Fortuny-Amat and McCarl 1981 and Dempe 2002,
 * <i>Foundations of Bilevel Programming</i>, §3), solved as one MILP by SCIP through OR-Tools.
 *
 * <p><b>Follower LP and its dual.</b> With rewards r_c(x) = r_c − d_c·x and weights μ &gt; 0 on the
 * m non-terminal states (here μ_s = 1/m), a maximising follower's values are the unique optimum of
 * <pre>
 *   P(x):  min μ·v   s.t.  v_s − γ Σ_s' p(s'|c) v_s' ≥ r_c − d_c·x        for every choice c of s
 *   D(x):  max Σ_c λ_c (r_c − d_c·x)   s.t.  Σ_{c of s'} λ_c − γ Σ_c p(s'|c) λ_c = μ_s',  λ ≥ 0
 * </pre>
 * (for a minimising follower, the seed's case: max μ·v with ≤ rows, and min in D). Terminal states
 * have v = 0 and are neither columns nor flow rows. A pair (v, λ) is optimal iff it is primal
 * feasible, dual feasible and μ·v = Σ λ_c (r_c − d_c·x) (strong duality). Because μ &gt; 0 and the
 * Bellman operator is a contraction for γ &lt; 1, the optimal v of P(x) is unique: v = v*(x).
 *
 * <p><b>Linearisation.</b> The only nonlinear terms are λ_c·x_i for d_{c,i} ≠ 0. Such an x_i must
 * be integer with finite bounds [l_i, u_i]; it is written x_i = l_i + Σ_k 2^k y_ik with binary
 * y_ik, k &lt; ⌊log₂(u_i − l_i)⌋ + 1 (for binary x_i this is x_i = y_i0), so λ_c x_i = l_i λ_c +
 * Σ_k 2^k z_cik with z_cik = λ_c y_ik, replaced exactly by McCormick's inequalities
 * z ≤ Λ y, z ≤ λ_c, z ≥ λ_c − Λ(1 − y), z ≥ 0, where Λ bounds λ_c: summing the flow rows gives
 * (1 − γ) Σ_c λ_c ≤ Σ μ = 1 (with equality without terminal states), so λ_c ≤ Λ = 1/(1 − γ).
 * The values are bounded by |v_s| ≤ R/(1 − γ) ({@link BilevelInstance#rewardBound()}). Continuous
 * leader variables are allowed only where no d_{c,i} touches them.
 *
 * <p><b>Optimistic and pessimistic cases.</b> The follower's optimal policy need not be unique
 * (ties), and with several optimal follower responses a bilevel program is optimistic (the
 * follower picks the response best for the leader) or pessimistic (the worst). Here the leader's
 * objective c·x + w·v depends on the follower only through v, and the optimal v of P(x) is unique
 * for μ &gt; 0, so every optimal follower response gives the same objective: the optimistic and
 * pessimistic programs coincide, and this MILP solves both. They would differ if the leader's
 * objective depended on the follower's policy or occupancy λ (say Σ λ_c e_c), or if μ had zeros
 * (then v is pinned only on the states the optimal policies reach from μ, and the MILP would
 * choose the rest optimistically); neither is part of this model.
 *
 * <p><b>Result.</b> SCIP's x is re-evaluated by the library's MDP solver (as in the cutting-plane
 * method) for the reported follower values, policy and objective; the lower bound is SCIP's
 * proven dual bound (subject to SCIP's tolerances). The MILP has one column per state, two per
 * choice with a reduction bit, and four rows per (choice, variable, bit): it is meant for small
 * followers; {@link CuttingPlaneSolver} scales to large ones.
 */
public final class SingleLevelMilp {
    /** The method's name in results and on the command line. */
    public static final String NAME = "milp";

    private SingleLevelMilp() {
    }

    /**
     * Solves {@code instance}.
     *
     * @throws IllegalArgumentException if a leader variable with a nonzero reduction is continuous
     */
    public static BilevelResult solve(BilevelInstance instance, BilevelOptions options) {
        long start = System.nanoTime();
        Mdp mdp = instance.follower();
        int n = instance.numVariables();
        int[] dStart = instance.reductionStart();
        int[] dVar = instance.reductionVariables();
        double[] dVal = instance.reductionValues();
        boolean[] touched = new boolean[n];
        for (int v : dVar) {
            touched[v] = true;
        }
        for (int i = 0; i < n; i++) {
            if (touched[i] && !instance.isInteger(i)) {
                throw new IllegalArgumentException("the milp method needs integer leader variables where the follower's"
                        + " rewards depend on them: " + instance.name(i) + " is continuous (use the cuts method)");
            }
        }
        double gamma = mdp.discount();
        int numStates = mdp.numStates();
        int numChoices = mdp.numChoices();
        MipModel m = new MipModel();
        double[] c = instance.cost();
        for (int i = 0; i < n; i++) {
            m.addColumn(instance.lower(i), instance.upper(i), instance.isInteger(i), c[i]);
        }
        // Values v_s of the non-terminal states.
        double[] w = instance.weights();
        double valueBound = instance.rewardBound() / (1 - gamma) * (1 + 1e-9) + 1e-9;
        int[] vCol = new int[numStates];
        int m0 = 0;
        for (int s = 0; s < numStates; s++) {
            vCol[s] = mdp.isTerminal(s) ? -1 : m.addColumn(-valueBound, valueBound, false, w[s]);
            m0 += mdp.isTerminal(s) ? 0 : 1;
        }
        if (m0 == 0) {
            throw new IllegalArgumentException("the follower has no non-terminal state");
        }
        double mu = 1.0 / m0;
        double lambdaBound = 1.0 / (1 - gamma);
        int[] lCol = new int[numChoices];
        for (int ch = 0; ch < numChoices; ch++) {
            lCol[ch] = m.addColumn(0, lambdaBound, false, 0);
        }
        // Binary expansions of the touched variables.
        int[][] bits = new int[n][];
        int[] idx = new int[64 + 1];
        double[] coef = new double[64 + 1];
        for (int i = 0; i < n; i++) {
            if (!touched[i]) {
                continue;
            }
            long range = Math.round(instance.upper(i) - instance.lower(i));
            int k = range == 0 ? 0 : 64 - Long.numberOfLeadingZeros(range);
            bits[i] = new int[k];
            for (int b = 0; b < k; b++) {
                bits[i][b] = m.addColumn(0, 1, true, 0);
                idx[b] = bits[i][b];
                coef[b] = Math.scalb(1.0, b);
            }
            idx[k] = i;
            coef[k] = -1;
            m.addRow(idx, coef, k + 1, -instance.lower(i), -instance.lower(i));
        }
        addLeaderRows(instance, m);
        addPrimalRows(instance, m, vCol);
        addFlowRows(mdp, m, vCol, lCol, mu);
        // Strong duality: μ·v − Σ_c λ_c (r_c − d_c·l) + Σ d_ci 2^k z_cik = 0, with McCormick rows for z.
        int terms = m0 + numChoices;
        for (int k = 0; k < dVar.length; k++) {
            terms += bits[dVar[k]].length;
        }
        int[] sdIdx = new int[terms];
        double[] sdCoef = new double[terms];
        int t = 0;
        for (int s = 0; s < numStates; s++) {
            if (vCol[s] >= 0) {
                sdIdx[t] = vCol[s];
                sdCoef[t++] = mu;
            }
        }
        double[] r = mdp.rewardArray();
        int[] mcIdx = new int[3];
        double[] mcCoef = new double[3];
        for (int ch = 0; ch < numChoices; ch++) {
            double reward = r[ch];
            for (int k = dStart[ch]; k < dStart[ch + 1]; k++) {
                reward -= dVal[k] * instance.lower(dVar[k]);
            }
            sdIdx[t] = lCol[ch];
            sdCoef[t++] = -reward;
            for (int k = dStart[ch]; k < dStart[ch + 1]; k++) {
                int[] y = bits[dVar[k]];
                for (int b = 0; b < y.length; b++) {
                    int z = m.addColumn(0, lambdaBound, false, 0);
                    mcRow(m, mcIdx, mcCoef, z, 1, y[b], -lambdaBound, Double.NEGATIVE_INFINITY, 0);
                    mcRow(m, mcIdx, mcCoef, z, 1, lCol[ch], -1, Double.NEGATIVE_INFINITY, 0);
                    mcIdx[2] = y[b];
                    mcCoef[2] = -lambdaBound;
                    mcIdx[0] = z;
                    mcCoef[0] = 1;
                    mcIdx[1] = lCol[ch];
                    mcCoef[1] = -1;
                    m.addRow(mcIdx, mcCoef, 3, -lambdaBound, Double.POSITIVE_INFINITY);
                    sdIdx[t] = z;
                    sdCoef[t++] = dVal[k] * Math.scalb(1.0, b);
                }
            }
        }
        m.addRow(sdIdx, sdCoef, t, 0, 0);

        MipModel.Result res = m.solve(options.secondsLeft(start));
        if (!res.hasSolution()) {
            BilevelStatus status = res.outcome() == MipModel.Outcome.INFEASIBLE ? BilevelStatus.INFEASIBLE
                    : BilevelStatus.NOT_SOLVED;
            return new BilevelResult(NAME, status, null, Double.NaN, Double.NaN, Double.NaN, res.bound(),
                    Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 1, null, null, Double.NaN,
                    (System.nanoTime() - start) / 1e9);
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double v = instance.isInteger(i) ? Math.rint(res.x()[i]) : res.x()[i];
            x[i] = Math.min(instance.upper(i), Math.max(instance.lower(i), v));
        }
        FollowerOracle.Response response = new FollowerOracle(instance, options).respond(x, Double.POSITIVE_INFINITY);
        double leaderCost = instance.leaderCost(x);
        double objective = leaderCost + response.followerTerm();
        double upper = objective + instance.weightNorm1() * response.errorBound();
        BilevelStatus status = res.outcome() == MipModel.Outcome.OPTIMAL ? BilevelStatus.OPTIMAL
                : BilevelStatus.TIME_LIMIT;
        return new BilevelResult(NAME, status, x, objective, leaderCost, response.followerTerm(), res.bound(), upper,
                Math.max(0, upper - res.bound()), 1, response.values(), response.policy(), response.errorBound(),
                (System.nanoTime() - start) / 1e9);
    }

    /** Adds the row a·col_a + b·col_b in [lo, hi]. */
    private static void mcRow(MipModel m, int[] idx, double[] coef, int colA, double a, int colB, double b,
                              double lo, double hi) {
        idx[0] = colA;
        coef[0] = a;
        idx[1] = colB;
        coef[1] = b;
        m.addRow(idx, coef, 2, lo, hi);
    }

    private static void addLeaderRows(BilevelInstance instance, MipModel m) {
        int n = instance.numVariables();
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        for (int k = 0; k < instance.numEqualities(); k++) {
            double rhs = instance.equalityRhs(k);
            m.addRow(index, instance.equalityRow(k), n, rhs, rhs);
        }
        for (int k = 0; k < instance.numInequalities(); k++) {
            m.addRow(index, instance.inequalityRow(k), n, Double.NEGATIVE_INFINITY, instance.inequalityRhs(k));
        }
    }

    /** v_s − γ Σ p v_s' + d_c·x ≥ r_c (maximiser) or ≤ r_c (minimiser), one row per choice. */
    private static void addPrimalRows(BilevelInstance instance, MipModel m, int[] vCol) {
        Mdp mdp = instance.follower();
        boolean maximize = mdp.objective() == Objective.MAXIMIZE;
        double gamma = mdp.discount();
        int[] dStart = instance.reductionStart();
        int[] dVar = instance.reductionVariables();
        double[] dVal = instance.reductionValues();
        double[] r = mdp.rewardArray();
        int[] idx = new int[16];
        double[] coef = new double[16];
        for (int s = 0; s < mdp.numStates(); s++) {
            for (int ch = mdp.choiceStart(s); ch < mdp.choiceEnd(s); ch++) {
                int len = mdp.transitionEnd(ch) - mdp.transitionStart(ch) + 1 + dStart[ch + 1] - dStart[ch];
                if (len > idx.length) {
                    idx = new int[len];
                    coef = new double[len];
                }
                int t = 0;
                double self = 1.0;
                for (int k = mdp.transitionStart(ch); k < mdp.transitionEnd(ch); k++) {
                    int succ = mdp.successor(k);
                    if (succ == s) {
                        self -= gamma * mdp.probability(k);
                    } else if (vCol[succ] >= 0) {
                        idx[t] = vCol[succ];
                        coef[t++] = -gamma * mdp.probability(k);
                    }
                }
                idx[t] = vCol[s];
                coef[t++] = self;
                for (int k = dStart[ch]; k < dStart[ch + 1]; k++) {
                    idx[t] = dVar[k];
                    coef[t++] = dVal[k];
                }
                if (maximize) {
                    m.addRow(idx, coef, t, r[ch], Double.POSITIVE_INFINITY);
                } else {
                    m.addRow(idx, coef, t, Double.NEGATIVE_INFINITY, r[ch]);
                }
            }
        }
    }

    /** Σ_{c of s'} λ_c − γ Σ_c p(s'|c) λ_c = μ for every non-terminal s' (transposed by counting sort). */
    private static void addFlowRows(Mdp mdp, MipModel m, int[] vCol, int[] lCol, double mu) {
        int numStates = mdp.numStates();
        int numChoices = mdp.numChoices();
        double gamma = mdp.discount();
        int[] owner = mdp.choiceStates();
        int[] rowStart = new int[numStates + 1];
        for (int ch = 0; ch < numChoices; ch++) {
            rowStart[owner[ch] + 1]++;
            for (int k = mdp.transitionStart(ch); k < mdp.transitionEnd(ch); k++) {
                int succ = mdp.successor(k);
                if (succ != owner[ch] && vCol[succ] >= 0) {
                    rowStart[succ + 1]++;
                }
            }
        }
        for (int s = 0; s < numStates; s++) {
            rowStart[s + 1] += rowStart[s];
        }
        int[] fill = rowStart.clone();
        int[] col = new int[rowStart[numStates]];
        double[] val = new double[rowStart[numStates]];
        for (int ch = 0; ch < numChoices; ch++) {
            int s = owner[ch];
            double self = 1.0;
            for (int k = mdp.transitionStart(ch); k < mdp.transitionEnd(ch); k++) {
                int succ = mdp.successor(k);
                if (succ == s) {
                    self -= gamma * mdp.probability(k);
                } else if (vCol[succ] >= 0) {
                    int p = fill[succ]++;
                    col[p] = lCol[ch];
                    val[p] = -gamma * mdp.probability(k);
                }
            }
            int p = fill[s]++;
            col[p] = lCol[ch];
            val[p] = self;
        }
        for (int s = 0; s < numStates; s++) {
            if (vCol[s] < 0) {
                continue;
            }
            int len = rowStart[s + 1] - rowStart[s];
            int[] idx = new int[len];
            double[] coef = new double[len];
            System.arraycopy(col, rowStart[s], idx, 0, len);
            System.arraycopy(val, rowStart[s], coef, 0, len);
            m.addRow(idx, coef, len, mu, mu);
        }
    }
}
