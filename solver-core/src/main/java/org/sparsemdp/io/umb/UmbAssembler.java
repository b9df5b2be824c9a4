package org.sparsemdp.io.umb;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.io.RewardStructure;
import org.sparsemdp.model.CanonicalRows;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;

/**
 * Turns validated UMB arrays into a {@link LoadedModel}: applies the CSR defaults of absent
 * entries, makes every reward annotation a reward structure (the selected one, folded per choice,
 * the MDP's rewards) and every atomic proposition a label, resolves action labels, and has
 * {@link CanonicalRows} canonicalise each choice (targets strictly increasing, duplicates merged,
 * zeros dropped, rows renormalised when off by more than {@value MdpBuilder#RENORMALISE_THRESHOLD})
 * in one checking pass. Works in place on the read arrays; copies only when canonicalisation
 * shortened the branch arrays.
 */
final class UmbAssembler {
    private final String source;
    private final UmbIndex ix;
    private final UmbArrays a;
    private final UmbOptions options;

    UmbAssembler(String source, UmbIndex ix, UmbArrays a, UmbOptions options) {
        this.source = source;
        this.ix = ix;
        this.a = a;
        this.options = options;
    }

    private ModelFormatException error(String problem) {
        return ModelFormatException.inFile(source, problem);
    }

    LoadedModel assemble() throws ModelFormatException {
        int numStates = ix.numStates;
        int numChoices = ix.numChoices;
        int numBranches = ix.numBranches;
        int[] choiceStart = a.choiceStart != null ? a.choiceStart : identity(numStates, numChoices,
                "state-to-choices.bin", "#choices", "#states");
        int[] transStart = a.transStart != null ? a.transStart : identity(numChoices, numBranches,
                "choice-to-branches.bin", "#branches", "#choices");
        if (numBranches > 0 && a.successor == null) {
            throw error("branch-to-target.bin is missing");
        }
        if (numBranches > 0 && a.probability == null) {
            throw error("branch-to-probability.bin is missing");
        }
        int[] successor = a.successor != null ? a.successor : new int[0];
        double[] probability = a.probability != null ? a.probability : new double[0];
        List<RewardStructure> structures = new ArrayList<>();
        for (UmbIndex.Annotation r : ix.rewards) {
            structures.add(structure(r, transStart, probability, numChoices));
        }
        double[] reward = new double[0];
        if (ix.selectedReward < 0) {
            reward = new double[numChoices];
        } else {
            RewardStructure selected = structures.get(ix.selectedReward);
            reward = selected.hasChoiceRewards() && !selected.hasStateRewards() ? selected.choiceRewardArray() // shared, read-only
                    : selected.perChoice(choiceStart, numStates);
        }
        List<String> labels = new ArrayList<>();
        int[] actionIndex = actions(numChoices, labels);
        Objective objective = options.objective() != null ? options.objective()
                : ix.objective != null ? ix.objective : Objective.MINIMIZE;
        double discount = !Double.isNaN(options.discount()) ? options.discount()
                : !Double.isNaN(ix.discount) ? ix.discount : 1.0;
        Mdp mdp = CanonicalRows.toMdp(numStates, choiceStart, transStart, successor, probability, reward, actionIndex,
                labels, objective, discount, initialStates(numStates), MdpBuilder.DEFAULT_PROBABILITY_TOLERANCE);
        Map<String, BitSet> stateLabels = new LinkedHashMap<>();
        for (UmbIndex.Annotation ap : ix.aps) {
            boolean[] bits = a.aps.get(ap.id);
            if (bits == null) {
                throw error("annotations/aps/" + ap.id + "/states/values.bin is missing");
            }
            BitSet b = new BitSet(numStates);
            for (int s = 0; s < numStates; s++) {
                if (bits[s]) {
                    b.set(s);
                }
            }
            if (stateLabels.put(ap.name(), b) != null) {
                throw error("two atomic propositions are called '" + ap.name() + "'");
            }
        }
        try {
            return new LoadedModel(mdp, stateLabels, structures);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /**
     * The reward structure of annotation {@code r}: its state values as the state part, its choice
     * values plus the expectation of its branch values as the choice part (computed before
     * canonicalisation reorders the branches). An absent values file means zeros.
     */
    private RewardStructure structure(UmbIndex.Annotation r, int[] transStart, double[] probability, int numChoices)
            throws ModelFormatException {
        double[] state = r.onStates ? a.stateRewards.getOrDefault(r.id, new double[ix.numStates]) : null;
        double[] choice = null;
        if (r.onChoices || r.onBranches) {
            choice = r.onChoices ? a.choiceRewards.getOrDefault(r.id, new double[numChoices]) : new double[numChoices];
            double[] branch = a.branchRewards.get(r.id);
            if (branch != null) {
                for (int c = 0; c < numChoices; c++) {
                    double sum = 0;
                    for (int k = transStart[c]; k < transStart[c + 1]; k++) {
                        sum += probability[k] * branch[k];
                    }
                    choice[c] += sum;
                }
            }
        }
        try {
            return new RewardStructure(r.name(), state, choice);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private int[] identity(int n, int total, String file, String totalName, String nName) throws ModelFormatException {
        if (n != total) {
            throw error(file + " is absent, which means one per entry, but " + totalName + " = " + total + " differs"
                    + " from " + nName + " = " + n);
        }
        int[] id = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            id[i] = i;
        }
        return id;
    }

    private int[] actions(int numChoices, List<String> labels) throws ModelFormatException {
        int[] actionIndex = new int[numChoices];
        if (ix.numChoiceActions == 0) {
            if (a.choiceAction != null || a.actionStringStart != null || a.actionStrings != null) {
                throw error("action entries are present but #choice-actions is 0");
            }
            Arrays.fill(actionIndex, -1);
            return actionIndex;
        }
        if ((a.actionStringStart == null) != (a.actionStrings == null)) {
            throw error("actions/choices/string-mapping.bin and strings.bin must be present together");
        }
        if (a.actionStringStart != null && a.actionStringStart[ix.numChoiceActions] != a.actionStrings.length) {
            throw error("actions/choices/string-mapping.bin ends at " + a.actionStringStart[ix.numChoiceActions]
                    + " but strings.bin has " + a.actionStrings.length + " bytes");
        }
        Int2IntOpenHashMap labelOfAction = new Int2IntOpenHashMap();
        labelOfAction.defaultReturnValue(-1);
        Object2IntOpenHashMap<String> labelIndex = new Object2IntOpenHashMap<>();
        for (int c = 0; c < numChoices; c++) {
            int act = a.choiceAction != null ? a.choiceAction[c] : 0;
            int label = labelOfAction.get(act);
            if (label < 0) {
                String name = actionName(act);
                label = labelIndex.getOrDefault(name, -1);
                if (label < 0) {
                    label = labels.size();
                    labels.add(name);
                    labelIndex.put(name, label);
                }
                labelOfAction.put(act, label);
            }
            actionIndex[c] = label;
        }
        return actionIndex;
    }

    private String actionName(int act) throws ModelFormatException {
        if (a.actionStrings == null) {
            return Integer.toString(act);
        }
        int from = (int) a.actionStringStart[act];
        int to = (int) a.actionStringStart[act + 1];
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(a.actionStrings, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw ModelFormatException.atOffset(source, a.actionStringsOffset + from,
                    "action label " + act + " is not valid UTF-8");
        }
    }

    private int[] initialStates(int numStates) throws ModelFormatException {
        if (a.initial == null) {
            if (ix.numInitialStates > 0) {
                throw error("#initial-states = " + ix.numInitialStates + " but state-is-initial.bin is absent");
            }
            return new int[] {0};
        }
        int n = 0;
        for (boolean b : a.initial) {
            n += b ? 1 : 0;
        }
        if (ix.numInitialStates >= 0 && ix.numInitialStates != n) {
            throw error("#initial-states = " + ix.numInitialStates + " but state-is-initial.bin marks " + n);
        }
        if (n == 0) {
            return new int[] {0};
        }
        int[] out = new int[n];
        n = 0;
        for (int s = 0; s < numStates; s++) {
            if (a.initial[s]) {
                out[n++] = s;
            }
        }
        return out;
    }
}
