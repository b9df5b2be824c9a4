package org.sparsemdp.solve.undiscounted;

import java.util.Arrays;
import java.util.BitSet;
import org.sparsemdp.model.Mdp;

/**
 * The quotient of an MDP by the maximal end components (MECs) of a set of "maybe" states, as an
 * {@link Mdp} of its own: each MEC becomes one state whose choices are its members' choices that
 * are not internal to it (a choice with a successor outside the MEC; choices whose successors
 * all stay inside are dropped), every other state is kept with all its choices, and successors
 * are renamed to their quotient states. This is the reduction that the single-machine
 * {@link Reachability} applies before interval iteration (Haddad &amp; Monmege 2018, §4; Baier et
 * al., CAV 2017, §4; its {@code ReducedSystem} builds the same merge directly into the equation
 * system), made available for solvers that take an {@code Mdp}, e.g. the Spark engine:
 * <ul>
 *   <li>{@link #forMaxProbability}: Pmax — the MECs of the maybe states over all their choices;</li>
 *   <li>{@link #forMinReward}: Rmin — the MECs of the maybe states over their zero-reward choices
 *       only (an end component with a positive-reward choice is no spurious fixed point for a
 *       minimum). The MECs are those {@link Reachability} merges: its restriction to choices
 *       staying in Prob1E(T) changes nothing, since an end component of maybe states only uses
 *       choices staying among them.</li>
 * </ul>
 * Optimal values are preserved: a member's value is its MEC's (inside an end component every
 * member reaches every other almost surely, at zero reward for Rmin). A kept choice with
 * successors both inside and outside its MEC becomes a self-loop with the inside probability.
 *
 * <p><b>Rounding.</b> Successors renamed to the same quotient state are merged by summing their
 * probabilities in the original order (the {@link Mdp} invariant: strictly increasing successors),
 * clamped to 1 where the sum of a whole row rounds above it. A sum of j original probabilities
 * replaces j − 1 of the additions of a Bellman evaluation, so evaluating a quotient choice rounds
 * each original term at most as many times as evaluating the original choice: an error analysis
 * for choices of up to {@link #maxTransitionsPerChoice()} terms of the original model covers the
 * quotient too.
 *
 * <p>Cost: MECs by {@link EndComponents} (iterative Tarjan), then O(states + transitions), plus a
 * sort of the rows whose renamed successors are out of order. Memory: a copy of the model's arrays.
 */
public final class EndComponentQuotient {
    private final Mdp original;
    private final Mdp quotient;
    private final int[] stateOf;
    private final int[] originalChoice;
    private final EndComponents mecs;
    private final int maxTerms;

    private EndComponentQuotient(Mdp original, Mdp quotient, int[] stateOf, int[] originalChoice,
                                 EndComponents mecs, int maxTerms) {
        this.original = original;
        this.quotient = quotient;
        this.stateOf = stateOf;
        this.originalChoice = originalChoice;
        this.mecs = mecs;
        this.maxTerms = maxTerms;
    }

    /**
     * The quotient for Pmax: the MECs of {@code maybe} (the states outside Prob0A(T), Prob1E(T)
     * and T) over all choices, as {@link Reachability#probability} merges them.
     */
    public static EndComponentQuotient forMaxProbability(Mdp mdp, BitSet maybe) {
        return of(mdp, maybe, null);
    }

    /**
     * The quotient for Rmin: the MECs of {@code maybe} (Prob1E(T) outside T) over the choices of
     * reward exactly 0 ({@link Mdp#rewardArray()}), as {@link Reachability#reward} merges them.
     */
    public static EndComponentQuotient forMinReward(Mdp mdp, BitSet maybe) {
        double[] reward = mdp.rewardArray();
        BitSet zero = new BitSet(reward.length);
        for (int c = 0; c < reward.length; c++) {
            if (reward[c] == 0.0) {
                zero.set(c);
            }
        }
        return of(mdp, maybe, zero);
    }

    /**
     * The quotient by the MECs of {@code maybe} over the choices in {@code mergeable} (null: all).
     * Quotient states are numbered in the order of their smallest original state.
     */
    public static EndComponentQuotient of(Mdp mdp, BitSet maybe, BitSet mergeable) {
        EndComponents mecs = EndComponents.maximal(mdp, maybe, mergeable);
        int n = mdp.numStates();
        int[] cs = mdp.choiceStartArray();
        int[] ts = mdp.transitionStartArray();
        int[] succ = mdp.successorArray();
        double[] prob = mdp.probabilityArray();
        int[] stateOf = new int[n];
        int[] stateOfComponent = new int[mecs.count()];
        Arrays.fill(stateOfComponent, -1);
        int count = 0;
        for (int s = 0; s < n; s++) {
            int comp = mecs.componentOf(s);
            if (comp < 0) {
                stateOf[s] = count++;
            } else {
                if (stateOfComponent[comp] < 0) {
                    stateOfComponent[comp] = count++;
                }
                stateOf[s] = stateOfComponent[comp];
            }
        }
        // Members of each quotient state in increasing order (counting sort).
        int[] memberStart = new int[count + 1];
        for (int s = 0; s < n; s++) {
            memberStart[stateOf[s] + 1]++;
        }
        for (int q = 0; q < count; q++) {
            memberStart[q + 1] += memberStart[q];
        }
        int[] members = new int[n];
        int[] next = Arrays.copyOf(memberStart, count);
        for (int s = 0; s < n; s++) {
            members[next[stateOf[s]]++] = s;
        }
        // Pass 1: kept choices and an upper bound on the transitions.
        int[] qChoiceStart = new int[count + 1];
        int kept = 0;
        long transitions = 0;
        int maxTerms = 1;
        for (int q = 0; q < count; q++) {
            for (int i = memberStart[q]; i < memberStart[q + 1]; i++) {
                int s = members[i];
                for (int c = cs[s]; c < cs[s + 1]; c++) {
                    maxTerms = Math.max(maxTerms, ts[c + 1] - ts[c]);
                    if (!internal(mecs, s, c)) {
                        kept++;
                        transitions += ts[c + 1] - ts[c];
                    }
                }
            }
            qChoiceStart[q + 1] = kept;
        }
        int[] orig = new int[kept];
        int[] qTransStart = new int[kept + 1];
        int[] qSucc = new int[(int) transitions];
        double[] qProb = new double[(int) transitions];
        double[] reward = new double[kept];
        int[] action = new int[kept];
        double[] allReward = mdp.rewardArray();
        int[] allAction = mdp.actionIndexArray();
        long[] keys = new long[maxTerms];
        int qc = 0;
        int w = 0;
        for (int q = 0; q < count; q++) {
            for (int i = memberStart[q]; i < memberStart[q + 1]; i++) {
                int s = members[i];
                for (int c = cs[s]; c < cs[s + 1]; c++) {
                    if (internal(mecs, s, c)) {
                        continue;
                    }
                    orig[qc] = c;
                    reward[qc] = allReward[c];
                    action[qc] = allAction[c];
                    w = renamedRow(ts[c], ts[c + 1], succ, prob, stateOf, keys, qSucc, qProb, w);
                    qTransStart[++qc] = w;
                }
            }
        }
        int[] initial = mdp.initialStates();
        int[] qInitial = new int[initial.length];
        int numInitial = 0;
        BitSet seen = new BitSet(count);
        for (int s : initial) {
            if (!seen.get(stateOf[s])) {
                seen.set(stateOf[s]);
                qInitial[numInitial++] = stateOf[s];
            }
        }
        Mdp quotient = Mdp.fromArrays(count, qChoiceStart, qTransStart, Arrays.copyOf(qSucc, w),
                Arrays.copyOf(qProb, w), reward, action, mdp.actionLabels(), mdp.objective(), mdp.discount(),
                Arrays.copyOf(qInitial, numInitial));
        return new EndComponentQuotient(mdp, quotient, stateOf, orig, mecs, maxTerms);
    }

    private static boolean internal(EndComponents mecs, int s, int c) {
        return mecs.componentOf(s) >= 0 && mecs.isInternal(c);
    }

    /**
     * Writes the transitions {@code from..to-1} renamed by {@code stateOf} at {@code w} of
     * {@code qSucc}/{@code qProb}, sorted, equal successors merged; returns the new end.
     */
    private static int renamedRow(int from, int to, int[] succ, double[] prob, int[] stateOf, long[] keys,
                                  int[] qSucc, double[] qProb, int w) {
        boolean sorted = true;
        for (int k = from + 1; k < to && sorted; k++) {
            sorted = stateOf[succ[k]] > stateOf[succ[k - 1]];
        }
        if (sorted) { // the common case: a plain copy, the same probabilities bit for bit
            for (int k = from; k < to; k++) {
                qSucc[w] = stateOf[succ[k]];
                qProb[w++] = prob[k];
            }
            return w;
        }
        int m = to - from;
        for (int i = 0; i < m; i++) {
            keys[i] = ((long) stateOf[succ[from + i]] << 32) | i; // by quotient state, then original order
        }
        Arrays.sort(keys, 0, m);
        int start = w;
        for (int i = 0; i < m; i++) {
            int t = (int) (keys[i] >>> 32);
            double p = prob[from + (int) keys[i]];
            if (w > start && qSucc[w - 1] == t) {
                qProb[w - 1] = Math.min(1.0, qProb[w - 1] + p);
            } else {
                qSucc[w] = t;
                qProb[w++] = p;
            }
        }
        return w;
    }

    /** The quotient model (same objective, discount, action labels; initial states renamed). */
    public Mdp quotient() {
        return quotient;
    }

    /** Number of merged end components (0: the quotient is a copy of the model). */
    public int componentCount() {
        return mecs.count();
    }

    /** The quotient state of original state {@code s}. */
    public int stateOf(int s) {
        return stateOf[s];
    }

    /** The original choice of quotient choice {@code c}. */
    public int originalChoice(int c) {
        return originalChoice[c];
    }

    /**
     * The largest number of transitions of a choice of the original model: the rounding analysis
     * to use for the quotient (see the class comment).
     */
    public int maxTransitionsPerChoice() {
        return maxTerms;
    }

    /** The quotient states of the states in {@code set} (e.g. the target), as a new set. */
    public BitSet mapStates(BitSet set) {
        BitSet mapped = new BitSet(quotient.numStates());
        for (int s = set.nextSetBit(0); s >= 0 && s < stateOf.length; s = set.nextSetBit(s + 1)) {
            mapped.set(stateOf[s]);
        }
        return mapped;
    }

    /**
     * A policy of the original model from one of the quotient ({@code policy[q]}: a quotient
     * choice, −1 for a terminal state): each kept state takes the original of its choice; in a
     * merged MEC the member owning the chosen exit takes it and the other members walk to it by
     * the MEC's internal choices (the backward attractor {@link GraphAnalysis#attract}, the
     * single-machine {@link Reachability}'s rule), so the policy reaches the exit almost surely
     * (at zero reward for Rmin) and is worth what the quotient policy is worth.
     */
    public int[] originalPolicy(int[] policy) {
        int n = stateOf.length;
        int[] out = new int[n];
        Arrays.fill(out, -1);
        BitSet exits = new BitSet(n);
        BitSet region = new BitSet(n);
        for (int s = 0; s < n; s++) {
            if (mecs.componentOf(s) >= 0) {
                region.set(s);
            }
        }
        for (int q = 0; q < policy.length; q++) {
            if (policy[q] < 0) {
                continue;
            }
            int c = originalChoice[policy[q]];
            int s = original.stateOfChoice(c);
            out[s] = c;
            exits.set(s);
        }
        if (!region.isEmpty()) {
            new GraphAnalysis(original).attract(exits, region, mecs.internalChoices(), out);
        }
        return out;
    }
}
