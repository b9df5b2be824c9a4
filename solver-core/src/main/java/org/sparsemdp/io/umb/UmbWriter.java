package org.sparsemdp.io.umb;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code strings.bin}) when the model has labels, and the rewards as the annotation
 * {@code annotations/rewards/reward/choices/values.bin} when any reward is non-zero. The
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
        OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        TarWriter tar = new TarWriter(buffered);
        LittleEndianArrays le = new LittleEndianArrays();
        int s = mdp.numStates();
        int c = mdp.numChoices();
        int b = (int) mdp.numTransitions();
        boolean labelled = hasLabels(mdp);
        boolean rewards = hasRewards(mdp);
        int[] initial = java.util.Arrays.stream(mdp.initialStates()).distinct().toArray();

        tar.entry("index.json", index(mdp, labelled, rewards, initial.length).getBytes(StandardCharsets.UTF_8));
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
        if (rewards) {
            tar.begin("annotations/rewards/" + REWARD_ID + "/choices/values.bin", 8L * c);
            le.writeDoubles(tar.content(), mdp.rewardArray(), c);
        }
        tar.finish();
        buffered.flush();
    }

    private static boolean hasLabels(Mdp mdp) {
        for (int x : mdp.actionIndexArray()) {
            if (x >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasRewards(Mdp mdp) {
        for (double r : mdp.rewardArray()) {
            if (r != 0.0) {
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

    static String index(Mdp mdp, boolean labelled, boolean rewards, int numInitial) {
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
        if (rewards) {
            Map<String, Object> annotation = new LinkedHashMap<>();
            annotation.put("alias", REWARD_ID);
            annotation.put("applies-to", List.of("choices"));
            annotation.put("type", doubleType());
            Map<String, Object> rewardMap = new LinkedHashMap<>();
            rewardMap.put(REWARD_ID, annotation);
            Map<String, Object> annotations = new LinkedHashMap<>();
            annotations.put("rewards", rewardMap);
            root.put("annotations", annotations);
        }
        StringBuilder sb = new StringBuilder();
        JsonWriter.write(sb, root, 0);
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
