package org.sparsemdp.generate;

import java.util.BitSet;
import java.util.Map;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;

/**
 * A discounted MDP as an undiscounted one with a stop state: the discount γ becomes a
 * probability 1 − γ of stopping after every step. State N (one past the model's states) is the
 * absorbing, reward-free state labelled {@value #STOP}; every choice keeps its reward, moves to
 * its successors with γ·p and to the stop state with 1 − γ. The discount of the result is 1.
 *
 * <p>The expected reward until reaching {@code stop}, R[F "stop"], then equals the discounted
 * value in every original state (v = r + γ Σ p v' + (1 − γ)·0: the same Bellman equation), which
 * makes the pair a like-for-like benchmark of the undiscounted solvers against the discounted ones
 * (Puterman, "Markov Decision Processes", 1994, §5.3).
 */
public final class StopEmbedding {
    /** The label of the stop state. */
    public static final String STOP = "stop";
    /** The name of the reward structure (the model's per-choice rewards). */
    public static final String REWARD = "reward";

    private StopEmbedding() {
    }

    /**
     * The embedded model, labelled {@value #STOP} on state {@code mdp.numStates()}, with the
     * model's rewards also as the reward structure {@value #REWARD} (formats with reward structures
     * write those).
     *
     * @throws IllegalArgumentException if the model is not discounted (γ = 1) or has a terminal
     *                                  state (it would have no probability to stop)
     */
    public static LoadedModel embed(Mdp mdp) {
        double gamma = mdp.discount();
        if (!(gamma < 1)) {
            throw new IllegalArgumentException("the model is not discounted (discount " + gamma + ")");
        }
        int n = mdp.numStates();
        int choices = mdp.numChoices();
        long transitions = mdp.numTransitions() + choices;
        if (transitions > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many transitions to add a stop transition per choice: " + transitions);
        }
        int[] cs = mdp.choiceStartArray();
        int[] ts = mdp.transitionStartArray();
        int[] succ = mdp.successorArray();
        double[] prob = mdp.probabilityArray();
        int[] choiceStart = new int[n + 2];
        System.arraycopy(cs, 0, choiceStart, 0, n + 1);
        choiceStart[n + 1] = choices;
        int[] transStart = new int[choices + 1];
        int[] successor = new int[(int) transitions];
        double[] probability = new double[(int) transitions];
        double stop = 1 - gamma;
        int w = 0;
        for (int s = 0; s < n; s++) {
            if (cs[s] == cs[s + 1]) {
                throw new IllegalArgumentException("state " + s + " is terminal: it cannot stop with probability "
                        + stop);
            }
            for (int c = cs[s]; c < cs[s + 1]; c++) {
                for (int k = ts[c]; k < ts[c + 1]; k++) {
                    successor[w] = succ[k];
                    probability[w++] = gamma * prob[k];
                }
                successor[w] = n;
                probability[w++] = stop;
                transStart[c + 1] = w;
            }
        }
        Mdp embedded = Mdp.fromArrays(n + 1, choiceStart, transStart, successor, probability,
                mdp.rewardArray().clone(), mdp.actionIndexArray().clone(), mdp.actionLabels(), mdp.objective(), 1.0,
                mdp.initialStates());
        BitSet stopLabel = new BitSet(n + 1);
        stopLabel.set(n);
        return new LoadedModel(embedded, Map.of(STOP, stopLabel), Map.of(REWARD, embedded.rewardArray()));
    }
}
