package org.sparsemdp.io.umb;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.RewardStructure;
import org.sparsemdp.io.json.JsonWriter;
import org.sparsemdp.model.Mdp;

/**
 * Writes an {@link Mdp} in the UMB format (pmc-tools/umb {@code spec.md}, format version 1,
 * revision 0) as a plain tar stream; compress it by wrapping the output stream (the CLI does so
 * for {@code .gz} and {@code .xz} names).
 *
 * <p>Entries, in this order: {@code index.json} (first, as the specification recommends),
 * {@code state-to-choices.bin}, {@code choice-to-branches.bin}, {@code branch-to-target.bin}
 * (uint64), {@code branch-to-probability.bin} (double), {@code state-is-initial.bin} (bit set),
 * the choice actions ({@code actions/choices/values.bin}, {@code string-mapping.bin},
 * {@code strings.bin}) when the model has labels, the reward structures as reward annotations
 * ({@code annotations/rewards/<id>/{states,choices}/values.bin}; an {@link Mdp} alone: its
 * rewards as {@code annotations/rewards/reward/choices/values.bin} when any is non-zero) and, for a
 * {@link LoadedModel}, the labels as atomic propositions. The
 * objective and discount, which UMB has no field for, are recorded in
 * {@code file-data.parameters} ({@code {"objective": "min"|"max", "discount": γ}}) with
 * {@code file-data.tool = "sparsemdp"}, where {@link UmbReader} finds them again. Arrays are
 * written in 64 KiB blocks; nothing is copied.
 */
public final class UmbWriter {
    /** The tool name written to {@code file-data.tool}. */
    public static final String TOOL = "sparsemdp";
    /** The reward annotation identifier written. */
    public static final String REWARD_ID = "reward";

    private UmbWriter() {
    }

    /** Writes {@code mdp} as an uncompressed UMB tar to {@code out} (flushed, not closed). */
    public static void write(Mdp mdp, OutputStream out) throws IOException {
        write(LoadedModel.of(mdp), out);
    }

    /**
     * Writes {@code model} as an uncompressed UMB tar to {@code out} (flushed, not closed): the MDP
     * as {@link #write(Mdp, OutputStream)} does, every reward structure
     * ({@link LoadedModel#rewardStructuresOrOwnRewards()}) as a reward annotation whose alias is its
     * name (state part in {@code states/values.bin}, choice part in {@code choices/values.bin}),
     * and every label the MDP does not determine ({@link LoadedModel#labelsBeyondModel()}) as an
     * atomic proposition ({@code annotations/aps/<id>/states/values.bin}, the label's name as
     * alias). Identifiers are the names in lower case with characters outside
     * {@code [0-9a-z_-]} replaced by {@code _} (and {@code -2}, {@code -3}, ... appended where two
     * would be equal).
     */
    public static void write(LoadedModel model, OutputStream out) throws IOException {
        Mdp mdp = model.mdp();
        OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        TarWriter tar = new TarWriter(buffered);
        LittleEndianArrays le = new LittleEndianArrays();
        int s = mdp.numStates();
        int c = mdp.numChoices();
        int b = (int) mdp.numTransitions();
        boolean labelled = hasLabels(mdp);
        List<RewardStructure> rewards = model.rewardStructuresOrOwnRewards();
        List<String> rewardIds = identifiers(rewards.stream().map(RewardStructure::name).toList());
        Map<String, BitSet> aps = model.labelsBeyondModel(); // init and deadlock follow from the model
        List<String> apIds = identifiers(List.copyOf(aps.keySet()));
        int[] initial = java.util.Arrays.stream(mdp.initialStates()).distinct().toArray();

        tar.entry("index.json", index(mdp, labelled, rewards, rewardIds, List.copyOf(aps.keySet()), apIds,
                initial.length).getBytes(StandardCharsets.UTF_8));
        tar.begin("state-to-choices.bin", 8L * (s + 1));
        le.writeUint64(tar.content(), mdp.choiceStartArray(), s + 1);
        tar.begin("choice-to-branches.bin", 8L * (c + 1));
        le.writeUint64(tar.content(), mdp.transitionStartArray(), c + 1);
        tar.begin("branch-to-target.bin", 8L * b);
        le.writeUint64(tar.content(), mdp.successorArray(), b);
        tar.begin("branch-to-probability.bin", 8L * b);
        le.writeDoubles(tar.content(), mdp.probabilityArray(), b);
        tar.entry("state-is-initial.bin", bitSet(s, initial));
        if (labelled) {
            writeActions(mdp, tar, le);
        }
        for (int i = 0; i < rewards.size(); i++) {
            RewardStructure rs = rewards.get(i);
            String dir = "annotations/rewards/" + rewardIds.get(i) + "/";
            if (rs.hasStateRewards()) {
                tar.begin(dir + "states/values.bin", 8L * s);
                le.writeDoubles(tar.content(), rs.stateRewardArray(), s);
            }
            if (rs.hasChoiceRewards() || !rs.hasStateRewards()) {
                double[] choice = rs.hasChoiceRewards() ? rs.choiceRewardArray() : new double[c];
                tar.begin(dir + "choices/values.bin", 8L * c);
                le.writeDoubles(tar.content(), choice, c);
            }
        }
        int i = 0;
        for (BitSet set : aps.values()) {
            tar.entry("annotations/aps/" + apIds.get(i++) + "/states/values.bin", bitSet(s, set.stream().toArray()));
        }
        tar.finish();
        buffered.flush();
    }

    /** UMB identifiers ({@code [0-9a-z_-]+}, distinct) for {@code names}. */
    static List<String> identifiers(List<String> names) {
        List<String> ids = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (String name : names) {
            StringBuilder sb = new StringBuilder();
            for (char ch : name.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
                sb.append((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || ch == '_' || ch == '-' ? ch : '_');
            }
            String id = sb.length() == 0 ? "_" : sb.toString();
            String unique = id;
            for (int k = 2; !used.add(unique); k++) {
                unique = id + "-" + k;
            }
            ids.add(unique);
        }
        return ids;
    }

    private static boolean hasLabels(Mdp mdp) {
        for (int x : mdp.actionIndexArray()) {
            if (x >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Choice actions: the model's labels, plus (only if some choices are unlabelled) one extra
     * action per distinct position label of an unlabelled choice, so every choice keeps its name.
     */
    private static List<String> actionNames(Mdp mdp, int[] actionOfChoice) {
        List<String> names = new ArrayList<>(mdp.actionLabels());
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.putIfAbsent(names.get(i), i);
        }
        int[] ai = mdp.actionIndexArray();
        for (int c = 0; c < ai.length; c++) {
            if (ai[c] >= 0) {
                actionOfChoice[c] = ai[c];
            } else {
                String name = mdp.actionLabel(c);
                Integer x = index.get(name);
                if (x == null) {
                    x = names.size();
                    names.add(name);
                    index.put(name, x);
                }
                actionOfChoice[c] = x;
            }
        }
        return names;
    }

    private static void writeActions(Mdp mdp, TarWriter tar, LittleEndianArrays le) throws IOException {
        int c = mdp.numChoices();
        int[] actionOfChoice = new int[c];
        List<String> names = actionNames(mdp, actionOfChoice);
        tar.begin("actions/choices/values.bin", 4L * c);
        le.writeUint32(tar.content(), actionOfChoice, c);
        int[] start = new int[names.size() + 1];
        java.io.ByteArrayOutputStream strings = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < names.size(); i++) {
            byte[] bytes = names.get(i).getBytes(StandardCharsets.UTF_8);
            strings.write(bytes);
            start[i + 1] = start[i] + bytes.length;
        }
        tar.begin("actions/choices/string-mapping.bin", 8L * start.length);
        le.writeUint64(tar.content(), start, start.length);
        tar.entry("actions/choices/strings.bin", strings.toByteArray());
    }

    static String index(Mdp mdp, boolean labelled, List<RewardStructure> rewards, List<String> rewardIds,
                        List<String> apNames, List<String> apIds, int numInitial) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format-version", 1);
        root.put("format-revision", 0);
        Map<String, Object> fileData = new LinkedHashMap<>();
        fileData.put("tool", TOOL);
        fileData.put("tool-version", UmbWriter.class.getPackage().getImplementationVersion() != null
                ? UmbWriter.class.getPackage().getImplementationVersion() : "dev");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("objective", mdp.objective().keyword());
        params.put("discount", mdp.discount());
        fileData.put("parameters", params);
        root.put("file-data", fileData);
        Map<String, Object> ts = new LinkedHashMap<>();
        ts.put("time", "discrete");
        ts.put("#players", 1);
        ts.put("#states", mdp.numStates());
        ts.put("#initial-states", numInitial);
        ts.put("#choices", mdp.numChoices());
        int actions = 0;
        if (labelled) {
            actions = actionNames(mdp, new int[mdp.numChoices()]).size();
        }
        ts.put("#choice-actions", actions);
        ts.put("#branches", mdp.numTransitions());
        ts.put("#branch-actions", 0);
        ts.put("#observations", 0);
        ts.put("branch-probability-type", doubleType());
        root.put("transition-system", ts);
        Map<String, Object> annotations = new LinkedHashMap<>();
        if (!rewards.isEmpty()) {
            Map<String, Object> rewardMap = new LinkedHashMap<>();
            for (int i = 0; i < rewards.size(); i++) {
                RewardStructure rs = rewards.get(i);
                Map<String, Object> annotation = new LinkedHashMap<>();
                annotation.put("alias", rs.name());
                List<String> appliesTo = new ArrayList<>();
                if (rs.hasStateRewards()) {
                    appliesTo.add("states");
                }
                if (rs.hasChoiceRewards() || !rs.hasStateRewards()) {
                    appliesTo.add("choices");
                }
                annotation.put("applies-to", appliesTo);
                annotation.put("type", doubleType());
                rewardMap.put(rewardIds.get(i), annotation);
            }
            annotations.put("rewards", rewardMap);
        }
        if (!apNames.isEmpty()) {
            Map<String, Object> apMap = new LinkedHashMap<>();
            for (int i = 0; i < apNames.size(); i++) {
                Map<String, Object> annotation = new LinkedHashMap<>();
                annotation.put("alias", apNames.get(i));
                annotation.put("applies-to", List.of("states"));
                Map<String, Object> type = new LinkedHashMap<>();
                type.put("type", "bool");
                type.put("size", 1);
                annotation.put("type", type);
                apMap.put(apIds.get(i), annotation);
            }
            annotations.put("aps", apMap);
        }
        if (!annotations.isEmpty()) {
            root.put("annotations", annotations);
        }
        StringBuilder sb = new StringBuilder();
        JsonWriter.pretty(sb).value(root);
        sb.append('\n');
        return sb.toString();
    }

    private static Map<String, Object> doubleType() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("type", "double");
        t.put("size", 64);
        return t;
    }

    private static byte[] bitSet(int n, int[] members) {
        byte[] b = new byte[(int) (((n + 63L) / 64) * 8)];
        for (int s : members) {
            b[s >>> 3] |= (byte) (1 << (s & 7));
        }
        return b;
    }
}
