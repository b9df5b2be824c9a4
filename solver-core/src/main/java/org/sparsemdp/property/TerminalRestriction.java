package org.sparsemdp.property;

import java.util.BitSet;
import org.sparsemdp.model.Mdp;

/**
 * A copy of a model in which some states lose their choices (become terminal), as the until
 * operator needs: a run that enters ¬φ ∧ ¬ψ before ψ has failed {@code φ U ψ}. Keeps the map
 * from the copy's choices back to the original ones.
 */
final class TerminalRestriction {
    final Mdp mdp;
    private final int[] originalChoice;

    private TerminalRestriction(Mdp mdp, int[] originalChoice) {
        this.mdp = mdp;
        this.originalChoice = originalChoice;
    }

    /** {@code mdp} with every state of {@code stop} made terminal. */
    static TerminalRestriction of(Mdp mdp, BitSet stop) {
        int n = mdp.numStates();
        int[] cs = mdp.choiceStartArray();
        int[] ts = mdp.transitionStartArray();
        int[] succ = mdp.successorArray();
        double[] prob = mdp.probabilityArray();
        double[] rew = mdp.rewardArray();
        int[] act = mdp.actionIndexArray();
        int keptChoices = 0;
        long keptTransitions = 0;
        for (int s = 0; s < n; s++) {
            if (!stop.get(s)) {
                keptChoices += cs[s + 1] - cs[s];
                keptTransitions += ts[cs[s + 1]] - ts[cs[s]];
            }
        }
        int[] ncs = new int[n + 1];
        int[] nts = new int[keptChoices + 1];
        int[] nsucc = new int[(int) keptTransitions];
        double[] nprob = new double[(int) keptTransitions];
        double[] nrew = new double[keptChoices];
        int[] nact = new int[keptChoices];
        int[] orig = new int[keptChoices];
        int c2 = 0;
        int t2 = 0;
        for (int s = 0; s < n; s++) {
            ncs[s] = c2;
            if (stop.get(s)) {
                continue;
            }
            for (int c = cs[s]; c < cs[s + 1]; c++) {
                nts[c2] = t2;
                for (int t = ts[c]; t < ts[c + 1]; t++) {
                    nsucc[t2] = succ[t];
                    nprob[t2] = prob[t];
                    t2++;
                }
                nrew[c2] = rew[c];
                nact[c2] = act[c];
                orig[c2] = c;
                c2++;
            }
        }
        ncs[n] = c2;
        nts[c2] = t2;
        Mdp restricted = Mdp.fromArrays(n, ncs, nts, nsucc, nprob, nrew, nact, mdp.actionLabels(), mdp.objective(),
                mdp.discount(), mdp.initialStates());
        return new TerminalRestriction(restricted, orig);
    }

    /** {@code policy} of the copy (choice indices of the copy, -1 for none) in the original's choice indices. */
    int[] originalPolicy(int[] policy) {
        int[] out = new int[policy.length];
        for (int s = 0; s < policy.length; s++) {
            out[s] = policy[s] < 0 ? -1 : originalChoice[policy[s]];
        }
        return out;
    }
}
