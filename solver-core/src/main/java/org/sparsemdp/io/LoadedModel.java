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
 * What a reader of a model file returns, and what the writers write: the {@link Mdp} (with its
 * objective, discount, action labels and initial states), its state labels and its named reward
 * structures. {@link ModelFormats} reads and writes it in every format.
 *
 * <ul>
 *   <li>Labels map a name to the set of states carrying it ({@link #labels()}). {@code init} and
 *       {@code deadlock} are always present: {@code init} from the file or else the model's
 *       initial states, {@code deadlock} from the file together with the model's terminal
 *       states.</li>
 *   <li>Reward structures ({@link #rewardStructures()}) have a name, a state part and a choice
 *       part ({@link RewardStructure}); the reward of a choice is r(s,a) = state(s) + choice(s,a),
 *       the choice part holding state-action rewards and the expectation of transition rewards
 *       Σ<sub>s'</sub> p(s'|s,a)·trew(s,a,s'). The structures keep the order of the files; the
 *       first one is the default. {@link #rewards(String)} gives the folded per-choice rewards.</li>
 *   <li>{@link #assemble}, used by the readers, makes the model's own per-choice rewards those of
 *       the default structure and its initial states the {@code init} states.</li>
 * </ul>
 *
 * <p>Immutable: the maps and lists are unmodifiable and the accessors copy bit sets and arrays.
 */
public final class LoadedModel {
    /** Name of PRISM's initial-state label. */
    public static final String INIT = "init";
    /** Name of PRISM's deadlock label. */
    public static final String DEADLOCK = "deadlock";

    /** Name of the structure that {@link #withOwnRewards} makes of a model's own rewards. */
    public static final String OWN_REWARDS = "reward";

    private final Mdp mdp;
    private final Map<String, BitSet> labels;
    private final Map<String, RewardStructure> rewards;

    /**
     * A loaded model whose reward structures have only a choice part. {@code labels} and
     * {@code rewards} are copied; {@code init} and {@code deadlock} are added or completed as
     * described in the class comment.
     *
     * @throws IllegalArgumentException if a reward array does not have one entry per choice or a
     *                                  label names a state out of range
     */
    public LoadedModel(Mdp mdp, Map<String, BitSet> labels, Map<String, double[]> rewards) {
        this(mdp, labels, choiceStructures(rewards));
    }

    /**
     * A loaded model with these labels (copied, {@code init} and {@code deadlock} added or
     * completed as described in the class comment) and reward structures (in this order).
     *
     * @throws IllegalArgumentException if a reward part does not fit the model, two structures
     *                                  share a name, or a label names a state out of range
     */
    public LoadedModel(Mdp mdp, Map<String, BitSet> labels, List<RewardStructure> rewards) {
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
        Map<String, RewardStructure> r = new LinkedHashMap<>();
        for (RewardStructure rs : rewards) {
            rs.checkSizes(mdp);
            if (r.put(rs.name(), rs) != null) {
                throw new IllegalArgumentException("two reward structures are named '" + rs.name() + "'");
            }
        }
        this.labels = Collections.unmodifiableMap(l);
        this.rewards = Collections.unmodifiableMap(r);
    }

    private static List<RewardStructure> choiceStructures(Map<String, double[]> rewards) {
        List<RewardStructure> list = new ArrayList<>();
        for (Map.Entry<String, double[]> e : rewards.entrySet()) {
            list.add(RewardStructure.ofChoices(e.getKey(), e.getValue().clone()));
        }
        return list;
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

    /**
     * A loaded model as the readers build it, with reward structures that may have state parts:
     * initial states from the {@code init} label (if present and non-empty), the model's rewards
     * those of the first structure (if any).
     */
    public static LoadedModel assemble(Mdp mdp, Map<String, BitSet> labels, List<RewardStructure> rewards) {
        BitSet init = labels.get(INIT);
        if (init != null && !init.isEmpty()) {
            mdp = mdp.withInitialStates(init.stream().toArray());
        }
        if (!rewards.isEmpty()) {
            RewardStructure first = rewards.get(0);
            if (first.hasChoiceRewards() && !first.hasStateRewards()) {
                // one array for the model's rewards and the structure's choice part (both read-only)
                if (first.choiceRewardArray() != mdp.rewardArray()) {
                    mdp = mdp.withRewards(first.choiceRewardArray());
                }
                List<RewardStructure> shared = new ArrayList<>(rewards);
                shared.set(0, RewardStructure.ofChoices(first.name(), mdp.rewardArray()));
                rewards = shared;
            } else {
                mdp = mdp.withRewards(first.perChoice(mdp));
            }
        }
        return new LoadedModel(mdp, labels, rewards);
    }

    /**
     * A model without labels (but {@code init} and {@code deadlock}) whose own per-choice rewards,
     * if any is non-zero, form one reward structure named {@value #OWN_REWARDS}: what the
     * formats with one reward per choice and no labels (native {@code .mdp}, Cassandra) hold.
     */
    public static LoadedModel withOwnRewards(Mdp mdp) {
        return new LoadedModel(mdp, Map.of(), ownRewards(mdp));
    }

    private static List<RewardStructure> ownRewards(Mdp mdp) {
        for (double v : mdp.rewardArray()) {
            if (v != 0.0) {
                return List.of(RewardStructure.ofChoices(OWN_REWARDS, mdp.rewardArray())); // both read-only: shared
            }
        }
        return List.of();
    }

    /**
     * A model without labels (but {@code init} and {@code deadlock}) or reward structures (its
     * own rewards stay in the {@link Mdp}; see {@link #withOwnRewards} to make them a structure).
     */
    public static LoadedModel of(Mdp mdp) {
        return new LoadedModel(mdp, Map.of(), List.of());
    }

    /**
     * These labels and reward structures on {@code other}, a model with the same states and choices
     * (for example this model with another discount or objective).
     */
    public LoadedModel withMdp(Mdp other) {
        if (other.numStates() != mdp.numStates() || other.numChoices() != mdp.numChoices()) {
            throw new IllegalArgumentException("the new model must have the same states and choices");
        }
        return new LoadedModel(other, labels, List.copyOf(rewards.values()));
    }

    /**
     * These labels and the MDP with other reward structures: the MDP's own per-choice rewards
     * become those of the first structure, or zero if {@code structures} is empty.
     */
    public LoadedModel withRewardStructures(List<RewardStructure> structures) {
        Mdp m = mdp.withRewards(structures.isEmpty() ? new double[mdp.numChoices()] : structures.get(0).perChoice(mdp));
        return new LoadedModel(m, labels, structures);
    }

    /** This MDP and reward structures with other labels ({@code init} and {@code deadlock} completed). */
    public LoadedModel withLabels(Map<String, BitSet> newLabels) {
        return new LoadedModel(mdp, newLabels, List.copyOf(rewards.values()));
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

    /** Every label, name to states, in file order ({@code init}, {@code deadlock} included; copies). */
    public Map<String, BitSet> labels() {
        Map<String, BitSet> copy = new LinkedHashMap<>();
        for (Map.Entry<String, BitSet> e : labels.entrySet()) {
            copy.put(e.getKey(), (BitSet) e.getValue().clone());
        }
        return Collections.unmodifiableMap(copy);
    }

    /**
     * The labels that the MDP alone does not determine: every label except {@code init} when it
     * is exactly the initial states and {@code deadlock} when it is exactly the terminal states
     * (copies, file order). What a format without labels loses.
     */
    public Map<String, BitSet> labelsBeyondModel() {
        Map<String, BitSet> out = new LinkedHashMap<>();
        BitSet initial = new BitSet();
        for (int s : mdp.initialStates()) {
            initial.set(s);
        }
        BitSet terminal = new BitSet();
        for (int s = 0; s < mdp.numStates(); s++) {
            if (mdp.isTerminal(s)) {
                terminal.set(s);
            }
        }
        for (Map.Entry<String, BitSet> e : labels.entrySet()) {
            boolean derived = (e.getKey().equals(INIT) && e.getValue().equals(initial))
                    || (e.getKey().equals(DEADLOCK) && e.getValue().equals(terminal));
            if (!derived) {
                out.put(e.getKey(), (BitSet) e.getValue().clone());
            }
        }
        return out;
    }

    /** The reward structures in file order (the first is the default); may be empty. */
    public List<RewardStructure> rewardStructures() {
        return List.copyOf(rewards.values());
    }

    /**
     * The reward structures a writer writes: {@link #rewardStructures()}, or, if there are none
     * and the MDP has a non-zero reward, the MDP's own rewards as one structure named
     * {@value #OWN_REWARDS}.
     */
    public List<RewardStructure> rewardStructuresOrOwnRewards() {
        return rewards.isEmpty() ? ownRewards(mdp) : rewardStructures();
    }

    /**
     * The structure given by name, or by 1-based index as PRISM numbers them.
     *
     * @throws IllegalArgumentException naming the known structures if there is no such structure
     */
    public RewardStructure rewardStructure(String nameOrIndex) {
        RewardStructure r = rewards.get(nameOrIndex);
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
        return r;
    }

    /** The reward structure names in file order (the first is the default); may be empty. */
    public List<String> rewardStructureNames() {
        return new ArrayList<>(rewards.keySet());
    }

    /**
     * The per-choice rewards (state part folded in) of the structure given by name, or by 1-based
     * index as PRISM numbers them (a new array).
     *
     * @throws IllegalArgumentException naming the known structures if there is no such structure
     */
    public double[] rewards(String nameOrIndex) {
        return rewardStructure(nameOrIndex).perChoice(mdp);
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
