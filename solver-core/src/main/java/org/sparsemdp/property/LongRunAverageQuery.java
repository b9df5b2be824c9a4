package org.sparsemdp.property;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.average.AverageResult;
import org.sparsemdp.solve.average.AverageReward;

/**
 * The long-run average objectives {@code R=? [ S ]}, {@code R=? [ LRA ]} and {@code LRA=? [ φ ]}
 * with PRISM's and Storm's semantics, solved by {@link AverageReward} (relative value iteration
 * with the aperiodicity transformation on the maximal end components, certified gain brackets;
 * Puterman 1994, §8.5 and §9.5).
 *
 * <p>PRISM and Storm turn a deadlock state into one with a self-loop, so a path that reaches a
 * terminal state stays there forever and keeps earning the state's reward (for {@code LRA=? [φ]}:
 * 1 if the state satisfies φ). The model is therefore solved with one self-loop choice added to
 * every terminal state, earning that state reward; the policy reports -1 in those states.
 */
final class LongRunAverageQuery {
    private LongRunAverageQuery() {
    }

    /**
     * The optimal long-run average of {@code choiceReward} (per choice of {@code mdp}) in {@code direction}.
     *
     * @param terminalReward per state, what a terminal state earns per step once reached (its
     *                       state reward), ignored for states with choices
     */
    static Solution solve(Mdp mdp, double[] choiceReward, double[] terminalReward, Objective direction,
                          SolverOptions options) {
        return solve(mdp, choiceReward, terminalReward, direction, options, AverageReward.RVI);
    }

    /**
     * As {@link #solve(Mdp, double[], double[], Objective, SolverOptions)} by {@code method}
     * ({@link AverageReward#RVI} or {@link AverageReward#PI}).
     */
    static Solution solve(Mdp mdp, double[] choiceReward, double[] terminalReward, Objective direction,
                          SolverOptions options, String method) {
        if (mdp.numTerminalStates() == 0) {
            return AverageReward.solve(mdp, choiceReward, direction, options, method).toSolution();
        }
        Mdp looped = withDeadlockLoops(mdp);
        double[] reward = new double[looped.numChoices()];
        int[] oldStart = mdp.choiceStartArray();
        int[] newStart = looped.choiceStartArray();
        for (int s = 0, n = mdp.numStates(); s < n; s++) {
            if (oldStart[s] == oldStart[s + 1]) {
                reward[newStart[s]] = terminalReward[s];
            } else {
                System.arraycopy(choiceReward, oldStart[s], reward, newStart[s], oldStart[s + 1] - oldStart[s]);
            }
        }
        AverageResult r = AverageReward.solve(looped, reward, direction, options, method);
        Solution s = r.toSolution();
        int[] policy = s.policy().clone();
        for (int state = 0; state < policy.length; state++) {
            int c = policy[state];
            policy[state] = c < 0 || mdp.isTerminal(state) ? -1 : oldStart[state] + (c - newStart[state]);
        }
        return s.toBuilder().policy(policy).build();
    }

    /** Per choice, 1 if its state is in {@code states}; per terminal state likewise. */
    static double[][] indicatorRewards(Mdp mdp, BitSet states) {
        double[] perChoice = new double[mdp.numChoices()];
        for (int c = 0; c < perChoice.length; c++) {
            perChoice[c] = states.get(mdp.stateOfChoice(c)) ? 1.0 : 0.0;
        }
        double[] perState = new double[mdp.numStates()];
        for (int s = states.nextSetBit(0); s >= 0 && s < perState.length; s = states.nextSetBit(s + 1)) {
            perState[s] = 1.0;
        }
        return new double[][] {perChoice, perState};
    }

    /** {@code mdp} with one self-loop choice (probability 1) added to every terminal state. */
    static Mdp withDeadlockLoops(Mdp mdp) {
        int n = mdp.numStates();
        int[] oldStart = mdp.choiceStartArray();
        int[] oldTrans = mdp.transitionStartArray();
        int added = mdp.numTerminalStates();
        int choices = mdp.numChoices() + added;
        long transitions = mdp.numTransitions() + added;
        if (transitions > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("adding self-loops to the " + added + " terminal states would exceed "
                    + (Integer.MAX_VALUE - 8) + " transitions");
        }
        int[] choiceStart = new int[n + 1];
        int[] transStart = new int[choices + 1];
        int[] successor = new int[(int) transitions];
        double[] probability = new double[(int) transitions];
        int[] actionIndex = new int[choices];
        List<String> labels = new ArrayList<>(mdp.actionLabels());
        int loopLabel = -1;
        int c = 0;
        int k = 0;
        for (int s = 0; s < n; s++) {
            choiceStart[s] = c;
            if (oldStart[s] == oldStart[s + 1]) {
                if (loopLabel < 0 && !labels.isEmpty()) {
                    loopLabel = labels.indexOf("deadlock");
                    if (loopLabel < 0) {
                        labels.add("deadlock");
                        loopLabel = labels.size() - 1;
                    }
                }
                transStart[c] = k;
                actionIndex[c] = loopLabel;
                successor[k] = s;
                probability[k++] = 1.0;
                c++;
                continue;
            }
            for (int old = oldStart[s]; old < oldStart[s + 1]; old++) {
                transStart[c] = k;
                actionIndex[c] = mdp.actionIndex(old);
                for (int t = oldTrans[old]; t < oldTrans[old + 1]; t++) {
                    successor[k] = mdp.successor(t);
                    probability[k++] = mdp.probability(t);
                }
                c++;
            }
        }
        choiceStart[n] = c;
        transStart[c] = k;
        return Mdp.fromArrays(n, choiceStart, transStart, successor, probability, new double[choices], actionIndex,
                labels, mdp.objective(), 1.0, mdp.initialStates());
    }
}
