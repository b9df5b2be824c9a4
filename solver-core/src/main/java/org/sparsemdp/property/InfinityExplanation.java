package org.sparsemdp.property;

import java.util.BitSet;
import java.util.Locale;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.solve.undiscounted.EndComponents;

/**
 * One line saying why some values of an undiscounted reward objective are infinite (which
 * states, which end component) and what to ask instead.
 *
 * <p>For the total reward R[C] the infinite states can reach an end component that contains a
 * positive-reward choice (max: some policy stays there; min: no policy avoids all of them). For
 * the reward until a target (R[F ψ], and the total reward until a terminal state with the
 * terminal states as target) the target is missed with positive probability: the run can stay
 * forever in an end component outside the target or stop in a terminal state outside it. The
 * end components are the maximal ones inside the infinite states ({@link EndComponents}).
 */
final class InfinityExplanation {
    private static final int SHOWN = 5;

    private InfinityExplanation() {
    }

    /**
     * The explanation, or null if every value is finite.
     *
     * @param reward the non-negative rewards the objective was solved with
     * @param target the target of R[F ψ] or the terminal states
     */
    static String explain(Mdp mdp, double[] reward, Query query, BitSet target, double[] values) {
        int n = mdp.numStates();
        BitSet inf = new BitSet(n);
        for (int s = 0; s < n; s++) {
            if (Double.isInfinite(values[s])) {
                inf.set(s);
            }
        }
        if (inf.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Infinity in ").append(inf.cardinality()).append(" of ").append(n).append(" states");
        int init = mdp.initialState();
        sb.append(inf.get(init) ? " (the initial state " + init + " among them)" : "").append(": ");
        EndComponents ecs = EndComponents.maximal(mdp, inf, null);
        boolean total = query.kind() == Query.Kind.TOTAL_REWARD;
        int component = -1;
        int rewardChoice = -1;
        for (int s = inf.nextSetBit(0); s >= 0 && component < 0; s = inf.nextSetBit(s + 1)) {
            int c = ecs.componentOf(s);
            if (c < 0) {
                continue;
            }
            for (int ch = mdp.choiceStart(s); ch < mdp.choiceEnd(s); ch++) {
                if (ecs.isInternal(ch) && (!total || reward[ch] > 0)) {
                    component = c;
                    rewardChoice = ch;
                    break;
                }
            }
        }
        if (component >= 0) {
            BitSet members = new BitSet(n);
            for (int s = inf.nextSetBit(0); s >= 0; s = inf.nextSetBit(s + 1)) {
                if (ecs.componentOf(s) == component) {
                    members.set(s);
                }
            }
            int owner = mdp.stateOfChoice(rewardChoice);
            sb.append("the end component ").append(list(members)).append(" can be repeated forever");
            if (reward[rewardChoice] > 0) {
                sb.append(String.format(Locale.ROOT, ", collecting reward %s (state %d, action '%s') each time",
                        shortNumber(reward[rewardChoice]), owner, mdp.actionLabel(rewardChoice)));
            }
            if (!total) {
                sb.append(query.kind() == Query.Kind.REACH_REWARD ? " without reaching the target"
                        : " without reaching a terminal state");
            }
        } else if (!total) {
            BitSet deadEnds = new BitSet(n);
            for (int s = inf.nextSetBit(0); s >= 0; s = inf.nextSetBit(s + 1)) {
                if (mdp.isTerminal(s) && !target.get(s)) {
                    deadEnds.set(s);
                }
            }
            sb.append(deadEnds.isEmpty() ? "the target is missed with positive probability"
                    : "the run can stop in terminal states " + list(deadEnds) + " outside the target");
        } else {
            sb.append("the reward is unbounded");
        }
        sb.append(query.direction() == Objective.MINIMIZE ? " under every policy" : " under some policy");
        sb.append(". Ask instead: ").append(alternatives(query)).append('.');
        return sb.toString();
    }

    private static String alternatives(Query query) {
        switch (query.kind()) {
            case TOTAL_REWARD:
                return "R=? [ F \"target\" ] (reward until a target), R=? [ C<=k ] (first k steps),"
                        + " R=? [ C discount=9/10 ], or another reward structure (R{\"name\"}=? [ C ])";
            case REACH_REWARD:
                return "P=? [ F target ] (its probability), R=? [ C ] (total reward, finite where"
                        + " the reward stops), R=? [ C<=k ] or R=? [ C discount=9/10 ]";
            default:
                return "R=? [ C ] (total reward, the default), R=? [ F \"target\" ], R=? [ C<=k ]"
                        + " or a discount below 1";
        }
    }

    private static String list(BitSet states) {
        StringBuilder sb = new StringBuilder("{");
        int shown = 0;
        for (int s = states.nextSetBit(0); s >= 0; s = states.nextSetBit(s + 1)) {
            if (shown == SHOWN) {
                sb.append(", ... (").append(states.cardinality()).append(" states)");
                break;
            }
            sb.append(shown == 0 ? "" : ", ").append(s);
            shown++;
        }
        return sb.append('}').toString();
    }

    private static String shortNumber(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : String.format(Locale.ROOT, "%.6g", x);
    }
}
