package org.sparsemdp.io;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sparsemdp.model.Mdp;

/**
 * What a reader of a model-checking format (PRISM explicit, Storm DRN) returns: the {@link Mdp},
 * its state labels and its named reward structures.
 *
 * <ul>
 *   <li>Labels map a name to the set of states carrying it. {@code init} and {@code deadlock}
 *       are always present: {@code init} from the file or else the model's initial states,
 *       {@code deadlock} from the file together with the model's terminal states.</li>
 *   <li>A reward structure is one reward per choice (global choice index), with state rewards
 *       folded in: r(s,a) = srew(s) + arew(s,a) + Σ<sub>s'</sub> p(s'|s,a)·trew(s,a,s'). The
 *       structures keep the order of the files; the first one is the default.</li>
 *   <li>{@link #assemble}, used by the readers, makes the model's own per-choice rewards those of
 *       the default structure and its initial states the {@code init} states.</li>
 * </ul>
 *
 * <p>Immutable: the maps are unmodifiable and the accessors copy bit sets and arrays.
 */
public final class LoadedModel {
    /** Name of PRISM's initial-state label. */
    public static final String INIT = "init";
    /** Name of PRISM's deadlock label. */
    public static final String DEADLOCK = "deadlock";

    private final Mdp mdp;
    private final Map<String, BitSet> labels;
    private final Map<String, double[]> rewards;

    /**
     * A loaded model. {@code labels} and {@code rewards} are copied; {@code init} and
     * {@code deadlock} are added or completed as described in the class comment.
     *
     * @throws IllegalArgumentException if a reward array does not have one entry per choice or a
     *                                  label names a state out of range
     */
    public LoadedModel(Mdp mdp, Map<String, BitSet> labels, Map<String, double[]> rewards) {
        this.mdp = Objects.requireNonNull(mdp, "mdp");
        int n = mdp.numStates();
        Map<String, BitSet> l = new LinkedHashMap<>();
        for (Map.Entry<String, BitSet> e : labels.entrySet()) {
            BitSet b = (BitSet) e.getValue().clone();
            if (b.length() > n) {
                throw new IllegalArgumentException("label '" + e.getKey() + "' names state " + (b.length() - 1)
                        + ", out of range 0.." + (n - 1));
            }
            l.put(e.getKey(), b);
        }
        BitSet deadlock = l.computeIfAbsent(DEADLOCK, k -> new BitSet(n));
        for (int s = 0; s < n; s++) {
            if (mdp.isTerminal(s)) {
                deadlock.set(s);
            }
        }
        if (!l.containsKey(INIT)) {
            BitSet init = new BitSet(n);
            for (int s : mdp.initialStates()) {
                init.set(s);
            }
            l.put(INIT, init);
        }
        Map<String, double[]> r = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : rewards.entrySet()) {
            if (e.getValue().length != mdp.numChoices()) {
                throw new IllegalArgumentException("reward structure '" + e.getKey() + "' has "
                        + e.getValue().length + " entries for " + mdp.numChoices() + " choices");
            }
            r.put(e.getKey(), e.getValue().clone());
        }
        this.labels = Collections.unmodifiableMap(l);
        this.rewards = Collections.unmodifiableMap(r);
    }

    /**
     * A loaded model as the readers build it: initial states from the {@code init} label (if
     * present and non-empty), the model's rewards from the first reward structure (if any).
     */
    public static LoadedModel assemble(Mdp mdp, Map<String, BitSet> labels, Map<String, double[]> rewards) {
        BitSet init = labels.get(INIT);
        if (init != null && !init.isEmpty()) {
            mdp = mdp.withInitialStates(init.stream().toArray());
        }
        if (!rewards.isEmpty()) {
            mdp = mdp.withRewards(rewards.values().iterator().next());
        }
        return new LoadedModel(mdp, labels, rewards);
    }

    /** A model without labels (but {@code init} and {@code deadlock}) or reward structures. */
    public static LoadedModel of(Mdp mdp) {
        return new LoadedModel(mdp, Map.of(), Map.of());
    }

    /**
     * These labels and reward structures on {@code other}, a model with the same states and choices
     * (for example this model with another discount or objective).
     */
    public LoadedModel withMdp(Mdp other) {
        if (other.numStates() != mdp.numStates() || other.numChoices() != mdp.numChoices()) {
            throw new IllegalArgumentException("the new model must have the same states and choices");
        }
        return new LoadedModel(other, labels, rewards);
    }

    /** The model. */
    public Mdp mdp() {
        return mdp;
    }

    /** The label names, in file order ({@code init}, {@code deadlock} included). */
    public List<String> labelNames() {
        return List.copyOf(labels.keySet());
    }

    /** Whether a label of that name exists. */
    public boolean hasLabel(String name) {
        return labels.containsKey(name);
    }

    /**
     * The states carrying label {@code name} (a copy).
     *
     * @throws IllegalArgumentException naming the known labels if there is no such label
     */
    public BitSet label(String name) {
        BitSet b = labels.get(name);
        if (b == null) {
            throw new IllegalArgumentException("unknown label '" + name + "'; known labels: "
                    + String.join(", ", labels.keySet()));
        }
        return (BitSet) b.clone();
    }

    /** The reward structure names in file order (the first is the default); may be empty. */
    public List<String> rewardStructureNames() {
        return new ArrayList<>(rewards.keySet());
    }

    /**
     * The per-choice rewards of the structure given by name, or by 1-based index as PRISM numbers
     * them (a copy).
     *
     * @throws IllegalArgumentException naming the known structures if there is no such structure
     */
    public double[] rewards(String nameOrIndex) {
        double[] r = rewards.get(nameOrIndex);
        if (r == null && nameOrIndex.matches("[0-9]+")) {
            int i = Integer.parseInt(nameOrIndex);
            List<String> names = rewardStructureNames();
            if (i >= 1 && i <= names.size()) {
                r = rewards.get(names.get(i - 1));
            }
        }
        if (r == null) {
            throw new IllegalArgumentException("unknown reward structure '" + nameOrIndex + "'; known: "
                    + (rewards.isEmpty() ? "(none)" : String.join(", ", rewards.keySet()) + " or 1.." + rewards.size()));
        }
        return r.clone();
    }

    /** This model's MDP with the rewards of structure {@code nameOrIndex} (see {@link #rewards(String)}). */
    public Mdp mdpWithRewards(String nameOrIndex) {
        return mdp.withRewards(rewards(nameOrIndex));
    }

    @Override
    public String toString() {
        return "LoadedModel[" + mdp + ", labels " + labels.keySet() + ", rewards " + rewards.keySet() + "]";
    }
}
