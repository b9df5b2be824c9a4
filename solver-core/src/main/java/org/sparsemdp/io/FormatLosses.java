package org.sparsemdp.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * What writing a {@link LoadedModel} in a {@link ModelFormat} would lose, and the explicit ways to
 * accept it: {@link #drop} removes features from the model (so that nothing is lost silently:
 * the written file and the model agree), {@link #foldStateRewards} turns state parts into choice
 * rewards for formats that have only those. {@link ModelFormats#write(LoadedModel,
 * java.nio.file.Path, ModelFormat, Set)} refuses a write that would lose anything not dropped.
 */
public final class FormatLosses {
    private FormatLosses() {
    }

    /**
     * What writing {@code model} in {@code target} would lose, one description per feature (empty:
     * nothing). Reading the file back gives the readers' defaults in place of a lost feature:
     * discount 1, objective minimise, no labels but {@code init}/{@code deadlock}, the first
     * reward structure, the first initial state.
     */
    public static Map<ModelFeature, String> of(LoadedModel model, ModelFormat target) {
        Map<ModelFeature, String> out = new EnumMap<>(ModelFeature.class);
        Mdp mdp = model.mdp();
        String f = "format '" + target.name() + "'";
        if (!target.holds(ModelFeature.DISCOUNT) && mdp.discount() != 1.0) {
            out.put(ModelFeature.DISCOUNT, "the discount " + mdp.discount() + " (" + f + " has none: read back, it is 1)");
        }
        if (!target.holds(ModelFeature.OBJECTIVE) && mdp.objective() != Objective.MINIMIZE) {
            out.put(ModelFeature.OBJECTIVE, "the objective " + mdp.objective().keyword() + " (" + f
                    + " has none: read back, it is min)");
        }
        Map<String, BitSet> labels = model.labelsBeyondModel();
        if (!target.holds(ModelFeature.LABELS) && !labels.isEmpty()) {
            out.put(ModelFeature.LABELS, "the labels " + String.join(", ", labels.keySet()) + " (" + f + " has none)");
        } else if (target.holds(ModelFeature.LABELS) && !target.holdsEmptyLabels()) {
            List<String> empty = new ArrayList<>();
            for (Map.Entry<String, BitSet> e : model.labels().entrySet()) {
                if (e.getValue().isEmpty() && !e.getKey().equals(LoadedModel.INIT) && !e.getKey().equals(LoadedModel.DEADLOCK)) {
                    empty.add(e.getKey());
                }
            }
            if (!empty.isEmpty()) {
                out.put(ModelFeature.LABELS, "the labels " + String.join(", ", empty) + ", which no state carries ("
                        + f + " names labels only on states)");
            }
        }
        List<RewardStructure> rewards = model.rewardStructuresOrOwnRewards();
        if (!target.holds(ModelFeature.REWARDS) && !rewards.isEmpty()) {
            out.put(ModelFeature.REWARDS, "the reward structures " + names(rewards) + " (" + f + " has none)");
        } else if (!target.holdsSeveralRewardStructures() && rewards.size() > 1) {
            out.put(ModelFeature.REWARDS, rewards.size() + " reward structures " + names(rewards) + " (" + f
                    + " holds one: select it, or drop them all)");
        }
        List<RewardStructure> withState = new ArrayList<>();
        for (RewardStructure r : rewards) {
            if (r.hasNonZeroStateRewards()) {
                withState.add(r);
            }
        }
        if (!target.holds(ModelFeature.STATE_REWARDS) && !withState.isEmpty()) {
            out.put(ModelFeature.STATE_REWARDS, "the state rewards of " + names(withState) + " (" + f
                    + " has choice rewards only: fold them into the choices, or drop them)");
        }
        int initial = (int) Arrays.stream(mdp.initialStates()).distinct().count();
        if (!target.holds(ModelFeature.INITIAL_STATES) && initial > 1) {
            out.put(ModelFeature.INITIAL_STATES, initial + " initial states (" + f + " holds one: read back, it is "
                    + mdp.initialState() + ")");
        }
        if (hasActionLabels(mdp) && !target.keepsActionLabels(mdp)) {
            out.put(ModelFeature.ACTION_LABELS, "the action labels " + mdp.actionLabels() + " (" + f
                    + " cannot hold these names: read back, actions are numbered)");
        }
        return out;
    }

    /**
     * Checks that writing {@code model} in {@code target} loses nothing outside {@code accepted}.
     *
     * @throws FormatLossException listing every loss and the keywords of the features to drop
     */
    public static void check(LoadedModel model, ModelFormat target, Set<ModelFeature> accepted) {
        List<String> problems = new ArrayList<>();
        Set<ModelFeature> lost = EnumSet.noneOf(ModelFeature.class);
        for (Map.Entry<ModelFeature, String> e : of(model, target).entrySet()) {
            if (!accepted.contains(e.getKey())) {
                problems.add(e.getValue());
                lost.add(e.getKey());
            }
        }
        if (!problems.isEmpty()) {
            throw new FormatLossException("writing this model as " + target.name() + " would lose "
                    + String.join("; ", problems) + "; to write it anyway, drop " + ModelFeature.keywords(lost), lost);
        }
    }

    /**
     * {@code model} without {@code features}, as far as {@code target} cannot hold them: discount 1,
     * objective minimise, no labels (but {@code init}/{@code deadlock}; for a format that holds
     * labels but not empty ones, only the empty labels go), no reward structures, reward structures
     * without their state parts, only the first initial state. {@link ModelFeature#ACTION_LABELS}
     * changes nothing (the writer numbers the actions).
     */
    public static LoadedModel drop(LoadedModel model, Set<ModelFeature> features, ModelFormat target) {
        LoadedModel m = model;
        if (features.contains(ModelFeature.LABELS) && target.holds(ModelFeature.LABELS)) {
            Map<String, BitSet> kept = new LinkedHashMap<>(m.labels());
            kept.values().removeIf(BitSet::isEmpty);
            m = m.withLabels(kept);
            features = EnumSet.copyOf(features);
            features.remove(ModelFeature.LABELS);
        }
        return drop(m, features);
    }

    /**
     * {@code model} without {@code features}: discount 1, objective minimise, no labels (but
     * {@code init}/{@code deadlock}), no reward structures, reward structures without their state
     * parts, only the first initial state. {@link ModelFeature#ACTION_LABELS} changes nothing (the
     * writer numbers the actions).
     */
    public static LoadedModel drop(LoadedModel model, Set<ModelFeature> features) {
        LoadedModel m = model;
        if (features.contains(ModelFeature.DISCOUNT)) {
            m = m.withMdp(m.mdp().withDiscount(1.0));
        }
        if (features.contains(ModelFeature.OBJECTIVE)) {
            m = m.withMdp(m.mdp().withObjective(Objective.MINIMIZE));
        }
        if (features.contains(ModelFeature.LABELS)) {
            m = m.withLabels(Map.of());
        }
        if (features.contains(ModelFeature.INITIAL_STATES)) {
            Map<String, BitSet> labels = new LinkedHashMap<>(m.labels());
            labels.remove(LoadedModel.INIT);
            m = new LoadedModel(m.mdp().withInitialStates(m.mdp().initialState()), labels, m.rewardStructures());
        }
        if (features.contains(ModelFeature.REWARDS)) {
            m = m.withRewardStructures(List.of());
        } else if (features.contains(ModelFeature.STATE_REWARDS)) {
            List<RewardStructure> parts = new ArrayList<>();
            for (RewardStructure r : m.rewardStructuresOrOwnRewards()) {
                parts.add(r.choicePart());
            }
            m = m.withRewardStructures(parts);
        }
        return m;
    }

    /** {@code model} with the state part of every reward structure added to the choices of its state. */
    public static LoadedModel foldStateRewards(LoadedModel model) {
        List<RewardStructure> folded = new ArrayList<>();
        for (RewardStructure r : model.rewardStructuresOrOwnRewards()) {
            folded.add(r.folded(model.mdp()));
        }
        return model.withRewardStructures(folded);
    }

    private static boolean hasActionLabels(Mdp mdp) {
        for (int a : mdp.actionIndexArray()) {
            if (a >= 0) {
                return true;
            }
        }
        return false;
    }

    private static String names(List<RewardStructure> rs) {
        List<String> n = new ArrayList<>();
        for (RewardStructure r : rs) {
            n.add("'" + r.name() + "'");
        }
        return String.join(", ", n);
    }
}
