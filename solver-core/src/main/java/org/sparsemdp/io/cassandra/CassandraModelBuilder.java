package org.sparsemdp.io.cassandra;

import java.util.List;
import java.util.function.Supplier;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.model.HeapCheck;
import org.sparsemdp.model.InvalidModelException;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;

/**
 * Turns the buffered entries of a Cassandra file into CSR arrays: every state has every action
 * (choice {@code s·A + a}), each row must sum to 1 within {@link CassandraReader#ROW_TOLERANCE}
 * and is renormalised, and the reward of a choice is Σ<sub>s'</sub> T(s, a, s')·R(a, s, s') (exactly
 * R(a, s, ·) when that does not depend on s').
 */
final class CassandraModelBuilder {
    private final String source;
    private final int numStates;
    private final int numActions;
    private TransitionTable trans;
    private RewardTable rewards;

    CassandraModelBuilder(String source, int numStates, int numActions, TransitionTable trans, RewardTable rewards) {
        this.source = source;
        this.numStates = numStates;
        this.numActions = numActions;
        this.trans = trans;
        this.rewards = rewards;
    }

    /**
     * The model; {@code initialStates} is asked for its array only after the transitions have
     * been checked to cover every row (it may be as long as the declared number of states).
     */
    Mdp build(Objective objective, double discount, Supplier<int[]> initialStates, List<String> actionLabels)
            throws ModelFormatException {
        long numChoices = (long) numStates * numActions;
        if (numChoices > Integer.MAX_VALUE - 8) {
            throw ModelFormatException.inFile(source, numChoices + " state-action pairs exceed the supported maximum");
        }
        if (trans.size() < numChoices) { // cheap test before any allocation: some row is certainly missing
            throw ModelFormatException.inFile(source, "the file gives " + trans.size() + " transition entries, fewer than"
                    + " the " + numChoices + " state-action rows that need one each");
        }
        CsrRows rows;
        try {
            rows = trans.toRows();
        } catch (InvalidModelException e) {
            throw ModelFormatException.inFile(source, e.getMessage());
        }
        trans = null;
        int c = (int) numChoices;
        try {
            HeapCheck.ensureFree(4L * (numStates + 1) + 12L * numChoices, "the model's choice arrays");
        } catch (InvalidModelException e) {
            throw ModelFormatException.inFile(source, e.getMessage());
        }
        int[] choiceStart = new int[numStates + 1];
        for (int s = 0; s <= numStates; s++) {
            choiceStart[s] = s * numActions;
        }
        int[] transStart = rows.transStart();
        int[] successor = rows.successor();
        double[] prob = rows.probability();
        double[] reward = new double[c];
        int[] actionIndex = new int[c];
        boolean perEndState = rewards.dependsOnEndState();
        for (int choice = 0; choice < c; choice++) {
            int s = choice / numActions;
            int a = choice - s * numActions;
            int begin = transStart[choice];
            int end = transStart[choice + 1];
            if (end == begin) {
                throw ModelFormatException.inFile(source, "no transition probabilities for " + describe(s, a, actionLabels));
            }
            double sum = 0;
            for (int i = begin; i < end; i++) {
                sum += prob[i];
            }
            if (Math.abs(sum - 1.0) > CassandraReader.ROW_TOLERANCE) {
                throw ModelFormatException.inFile(source, "the transition probabilities of " + describe(s, a, actionLabels)
                        + " sum to " + sum + ", not 1 (tolerance " + CassandraReader.ROW_TOLERANCE + ")");
            }
            if (Math.abs(sum - 1.0) > MdpBuilder.RENORMALISE_THRESHOLD) {
                for (int i = begin; i < end; i++) {
                    prob[i] /= sum;
                }
            }
            double first = rewards.get(a, s, successor[begin]);
            boolean constant = true;
            double r = 0;
            if (perEndState) {
                for (int i = begin; i < end; i++) {
                    double ri = rewards.get(a, s, successor[i]);
                    constant &= ri == first;
                    r += prob[i] * ri;
                }
            }
            // A reward that does not depend on the end state is taken as it is (no rounding from Σ p).
            reward[choice] = constant ? first : r;
            actionIndex[choice] = actionLabels.isEmpty() ? -1 : a;
        }
        rewards = null; // released before the arrays are trimmed to size
        int n = rows.size();
        rows = null;
        if (successor.length != n) {
            successor = java.util.Arrays.copyOf(successor, n);
        }
        if (prob.length != n) {
            prob = java.util.Arrays.copyOf(prob, n);
        }
        try {
            return Mdp.fromArrays(numStates, choiceStart, transStart, successor, prob, reward, actionIndex,
                    actionLabels, objective, discount, initialStates.get());
        } catch (InvalidModelException e) {
            throw ModelFormatException.inFile(source, e.getMessage());
        }
    }

    private static String describe(int s, int a, List<String> labels) {
        return "state " + s + ", action " + (labels.isEmpty() ? Integer.toString(a) : labels.get(a));
    }
}
