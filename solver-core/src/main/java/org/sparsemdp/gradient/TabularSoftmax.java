package org.sparsemdp.gradient;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.Arrays;
import org.sparsemdp.model.Mdp;

/**
 * Tabular softmax policies: every choice c reads one parameter θ<sub>k(c)</sub>, so the logit is
 * z(c) = θ<sub>k(c)</sub> and φ(c) is the unit vector e<sub>k(c)</sub>.
 *
 * <ul>
 *   <li>{@link #perChoice}: k(c) = c, one parameter per choice (a fully observable policy);</li>
 *   <li>{@link #overObservations}: states with the same observation share parameters (a
 *       memoryless observation-based policy, as in the substation-restoration seed where the
 *       observation is everything but the hidden fault position).</li>
 * </ul>
 *
 * <p><b>Observation sharing, precisely.</b> Let o(s) be the observation of state s. Every
 * non-terminal state must have pairwise distinct action labels ({@link Mdp#actionLabel}), and
 * all non-terminal states with the same observation must have the same <em>set</em> of action
 * labels (the order of the choices may differ). The parameters of observation o are one per
 * label, in the choice order of the lowest-numbered non-terminal state with observation o;
 * observations are numbered in order of that first state. Choice c of state s reads the
 * parameter of (o(s), label of c). Terminal states have no choices and no parameters; their
 * observation is ignored (it may be anything, shared or not).
 *
 * <p>Setup is O(S + Σ<sub>s</sub> k<sub>s</sub>²) for k<sub>s</sub> choices of state s (labels
 * are matched by linear search within a state); {@link #logits} and {@link #transposeTimes} are
 * O(C).
 */
public final class TabularSoftmax extends SoftmaxPolicy {
    private final int[] parameterOfChoice;
    private final int numParameters;
    private final int numObservations;

    private TabularSoftmax(Mdp mdp, int[] parameterOfChoice, int numParameters, int numObservations) {
        super(mdp);
        this.parameterOfChoice = parameterOfChoice;
        this.numParameters = numParameters;
        this.numObservations = numObservations;
    }

    /** One parameter per choice: θ<sub>c</sub> is the logit of choice c. */
    public static TabularSoftmax perChoice(Mdp mdp) {
        int[] k = new int[mdp.numChoices()];
        for (int c = 0; c < k.length; c++) {
            k[c] = c;
        }
        return new TabularSoftmax(mdp, k, k.length, -1);
    }

    /**
     * Parameters shared by states with the same observation (see the class comment).
     *
     * @param observation the observation of every state (any integers)
     * @throws IllegalArgumentException if the length is not the number of states, a state has two
     *                                  choices with one label, or two non-terminal states with one
     *                                  observation have different sets of labels (the message names
     *                                  both states and the label)
     */
    public static TabularSoftmax overObservations(Mdp mdp, int[] observation) {
        int n = mdp.numStates();
        if (observation.length != n) {
            throw new IllegalArgumentException("observation map has " + observation.length + " entries, the model has "
                    + n + " states");
        }
        int[] k = new int[mdp.numChoices()];
        Int2IntOpenHashMap representative = new Int2IntOpenHashMap();
        representative.defaultReturnValue(-1);
        int numParameters = 0;
        for (int s = 0; s < n; s++) {
            int from = mdp.choiceStart(s);
            int to = mdp.choiceEnd(s);
            if (from == to) {
                continue;
            }
            checkDistinctLabels(mdp, s);
            int rep = representative.get(observation[s]);
            if (rep < 0) {
                representative.put(observation[s], s);
                for (int c = from; c < to; c++) {
                    k[c] = numParameters++;
                }
                continue;
            }
            int repFrom = mdp.choiceStart(rep);
            if (mdp.numChoices(rep) != to - from) {
                throw new IllegalArgumentException("states " + rep + " and " + s + " share observation "
                        + observation[s] + " but have " + mdp.numChoices(rep) + " and " + (to - from)
                        + " actions; states with one observation must have the same action labels");
            }
            for (int c = from; c < to; c++) {
                String label = mdp.actionLabel(c);
                int match = -1;
                for (int d = repFrom; d < mdp.choiceEnd(rep) && match < 0; d++) {
                    if (mdp.actionLabel(d).equals(label)) {
                        match = d;
                    }
                }
                if (match < 0) {
                    throw new IllegalArgumentException("states " + rep + " and " + s + " share observation "
                            + observation[s] + " but state " + rep + " has no action '" + label
                            + "'; states with one observation must have the same action labels");
                }
                k[c] = k[match];
            }
        }
        return new TabularSoftmax(mdp, k, numParameters, representative.size());
    }

    private static void checkDistinctLabels(Mdp mdp, int s) {
        for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
            String label = mdp.actionLabel(c);
            for (int d = c + 1; d < mdp.choiceEnd(s); d++) {
                if (mdp.actionLabel(d).equals(label)) {
                    throw new IllegalArgumentException("state " + s + " has two actions labelled '" + label
                            + "'; observation-shared parameters are matched by label");
                }
            }
        }
    }

    @Override
    public int numParameters() {
        return numParameters;
    }

    /** The number of distinct observations of non-terminal states, or −1 for {@link #perChoice}. */
    public int numObservations() {
        return numObservations;
    }

    /** The parameter index read by choice {@code c}. */
    public int parameterOf(int c) {
        return parameterOfChoice[c];
    }

    @Override
    public void logits(double[] theta, double[] out) {
        final int[] k = parameterOfChoice;
        if (out.length != k.length) {
            throw new IllegalArgumentException("expected " + k.length + " logits, got " + out.length);
        }
        checkTheta(theta);
        for (int c = 0; c < k.length; c++) {
            out[c] = theta[k[c]];
        }
    }

    @Override
    public void transposeTimes(double[] w, double[] out) {
        final int[] k = parameterOfChoice;
        if (w.length != k.length || out.length != numParameters) {
            throw new IllegalArgumentException("expected " + k.length + " weights and " + numParameters
                    + " outputs, got " + w.length + " and " + out.length);
        }
        Arrays.fill(out, 0.0);
        for (int c = 0; c < k.length; c++) {
            out[k[c]] += w[c];
        }
    }

    @Override
    public String describe() {
        return numObservations < 0 ? "tabular(" + numParameters + " parameters)"
                : "observation-tabular(" + numObservations + " observations, " + numParameters + " parameters)";
    }
}
