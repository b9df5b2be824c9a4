package org.sparsemdp.solve.average;

import java.util.Arrays;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.undiscounted.CumulativeReward;
import org.sparsemdp.solve.undiscounted.EndComponents;
import org.sparsemdp.solve.undiscounted.IterationOrder;

/**
 * The second stage of the multichain gain: the optimal way to reach the best maximal end
 * components (de Alfaro 1997, §5; Kretínský &amp; Meggendorfer, "Efficient strategy iteration for
 * mean payoff in Markov decision processes", ATVA 2017, §3, the reduction Storm uses).
 *
 * <p>Every run ends in some end component almost surely, and within a maximal end component
 * (MEC) i a policy can achieve its optimal gain g<sub>i</sub> from every member. So the optimal
 * gain of state s is the optimal expected value of g<sub>i</sub> of the MEC the run settles in.
 * The quotient model merges every MEC into one state whose choices are its members' choices
 * leaving it plus a "stay" choice with reward g<sub>i</sub> to a sink; a terminal state gets a
 * "stay" choice with reward 0 (its gain). The quotient has no end components (one would extend
 * a maximal one), so its optimal expected total reward, computed by the certified interval
 * iteration of {@link CumulativeReward}, is the optimal gain. Rewards are shifted by the least
 * gain to make them non-negative (every run collects exactly one stay reward, so the shift is
 * exact), and the brackets of the MEC gains are carried through by solving once with the lower
 * and once with the upper ends: both problems are monotone in the rewards.
 */
final class GainQuotient {
    private final Mdp quotient;
    private final int[] quotientState;
    private final int[] originChoice;
    private final int[] stayChoiceOf;

    private GainQuotient(Mdp quotient, int[] quotientState, int[] originChoice, int[] stayChoiceOf) {
        this.quotient = quotient;
        this.quotientState = quotientState;
        this.originChoice = originChoice;
        this.stayChoiceOf = stayChoiceOf;
    }

    /** Builds the quotient of {@code mdp} by {@code mecs}: MEC i is quotient state i. */
    static GainQuotient build(Mdp mdp, EndComponents mecs) {
        int n = mdp.numStates();
        int count = mecs.count();
        int[] quotientState = new int[n];
        int next = count;
        for (int s = 0; s < n; s++) {
            int mec = mecs.componentOf(s);
            quotientState[s] = mec >= 0 ? mec : next++;
        }
        int sink = next;
        int[] representative = new int[sink];
        Arrays.fill(representative, -1);
        int[][] membersStart = groupMembers(mecs, n, count);
        MdpBuilder b = new MdpBuilder(sink + 1).discount(1.0).objective(Objective.MAXIMIZE)
                .ensureCapacity(mdp.numChoices() + sink, mdp.numTransitions() + sink);
        int[] originChoice = new int[mdp.numChoices() + sink];
        int[] stayChoiceOf = new int[sink];
        int qc = 0;
        // MECs first (quotient states 0..count-1), then the other states in order.
        for (int i = 0; i < count; i++) {
            for (int s : membersStart[i]) {
                for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                    if (!mecs.isInternal(c)) {
                        addMapped(b, mdp, c, i, quotientState);
                        originChoice[qc++] = c;
                    }
                }
            }
            b.startChoice(i, "stay", 0.0).addTransition(sink, 1.0).finishChoice();
            stayChoiceOf[i] = qc;
            originChoice[qc++] = -1;
        }
        for (int s = 0; s < n; s++) {
            if (mecs.componentOf(s) >= 0) {
                continue;
            }
            int q = quotientState[s];
            if (mdp.isTerminal(s)) {
                b.startChoice(q, "stay", 0.0).addTransition(sink, 1.0).finishChoice();
                stayChoiceOf[q] = qc;
                originChoice[qc++] = -1;
                continue;
            }
            stayChoiceOf[q] = -1;
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                addMapped(b, mdp, c, q, quotientState);
                originChoice[qc++] = c;
            }
        }
        return new GainQuotient(b.build(), quotientState, Arrays.copyOf(originChoice, qc), stayChoiceOf);
    }

    private static void addMapped(MdpBuilder b, Mdp mdp, int c, int q, int[] quotientState) {
        b.startChoice(q, null, 0.0); // unlabelled: originChoice maps it back
        for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
            b.addTransition(quotientState[mdp.successor(k)], mdp.probability(k));
        }
        b.finishChoice();
    }

    /** The member states of each MEC, in increasing order. */
    static int[][] groupMembers(EndComponents mecs, int n, int count) {
        int[] size = new int[count];
        for (int s = 0; s < n; s++) {
            if (mecs.componentOf(s) >= 0) {
                size[mecs.componentOf(s)]++;
            }
        }
        int[][] members = new int[count][];
        for (int i = 0; i < count; i++) {
            members[i] = new int[size[i]];
            size[i] = 0;
        }
        for (int s = 0; s < n; s++) {
            int i = mecs.componentOf(s);
            if (i >= 0) {
                members[i][size[i]++] = s;
            }
        }
        return members;
    }

    /** The quotient state of original state {@code s}. */
    int quotientState(int s) {
        return quotientState[s];
    }

    /** The original choice of quotient choice {@code qc}, or −1 for a stay choice. */
    int originChoice(int qc) {
        return originChoice[qc];
    }

    /**
     * The optimal gain of every quotient state, given the MEC gains {@code mecGain} (index i) and
     * the gain 0 of terminal states: expected total reward of the quotient with stay rewards
     * {@code mecGain − shift}, plus shift.
     */
    Solution solve(double[] mecGain, double shift, Objective direction, SolverOptions options) {
        double[] reward = new double[quotient.numChoices()];
        for (int q = 0; q < stayChoiceOf.length; q++) {
            int qc = stayChoiceOf[q];
            if (qc >= 0) {
                double gain = q < mecGain.length ? mecGain[q] : 0.0;
                reward[qc] = Math.max(0.0, gain - shift);
            }
        }
        return CumulativeReward.solve(quotient, reward, direction, options, false, IterationOrder.GLOBAL);
    }
}
