package org.sparsemdp.io.drn;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.sparsemdp.io.Compression;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.RewardStructure;
import org.sparsemdp.model.Mdp;

/**
 * Writes a {@link LoadedModel} in Storm's DRN format (see {@link DrnReader} for the grammar):
 * every reward structure ({@link LoadedModel#rewardStructuresOrOwnRewards()}) as a named reward
 * model in {@code @reward_models}, its state part on the {@code state} lines and its choice part
 * on the {@code action} lines ({@code action a [r1, r2]}); every label (with {@code init}, which
 * gives the initial states, and {@code deadlock}) on the state lines, in alphabetical order.
 * DRN has no objective or discount: they are not written (the reader gives minimise, γ = 1).
 * Numbers use {@link Double#toString(double)}, so reading the file back gives identical arrays.
 */
public final class DrnWriter {
    private DrnWriter() {
    }

    /** Writes {@code model} to {@code path} (gzip if the name ends in {@code .gz}). */
    public static void write(LoadedModel model, Path path) throws IOException {
        try (OutputStream out = Compression.compressing(Files.newOutputStream(path), path.toString())) {
            write(model, out);
        }
    }

    /**
     * Writes {@code model} to {@code out} (flushed, not closed).
     *
     * @throws IllegalArgumentException if a reward structure or label name is not a DRN token
     *                                  (empty, or with whitespace, quotes or one of {@code :[],{}/})
     */
    public static void write(LoadedModel model, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        Mdp mdp = model.mdp();
        List<RewardStructure> structures = model.rewardStructuresOrOwnRewards();
        List<String> rewardNames = new ArrayList<>();
        int nr = structures.size();
        double[][] stateParts = new double[nr][];
        double[][] choiceParts = new double[nr][];
        for (int i = 0; i < nr; i++) {
            RewardStructure rs = structures.get(i);
            rewardNames.add(checkToken(rs.name(), "reward structure"));
            stateParts[i] = rs.stateRewardArray();
            choiceParts[i] = rs.choiceRewardArray();
        }
        List<String> labelNames = new ArrayList<>(model.labelNames());
        java.util.Collections.sort(labelNames); // a deterministic order, whatever the reader's
        List<BitSet> labels = new ArrayList<>();
        for (String name : labelNames) {
            checkToken(name, "label");
            labels.add(model.label(name));
        }
        w.write("// Exported by sparsemdp\n@type: MDP\n@value_type: double\n@parameters\n\n@reward_models\n");
        w.write(String.join(" ", rewardNames));
        w.write("\n@nr_states\n" + mdp.numStates() + "\n@nr_choices\n" + mdp.numChoices() + "\n@model\n");
        StringBuilder line = new StringBuilder(128);
        int[] cs = mdp.choiceStartArray();
        int[] ts = mdp.transitionStartArray();
        int[] succ = mdp.successorArray();
        double[] prob = mdp.probabilityArray();
        for (int s = 0; s < mdp.numStates(); s++) {
            line.setLength(0);
            line.append("state ").append(s);
            appendRewards(line, stateParts, s);
            for (int i = 0; i < labels.size(); i++) {
                if (labels.get(i).get(s)) {
                    line.append(' ').append(labelNames.get(i));
                }
            }
            line.append('\n');
            for (int c = cs[s]; c < cs[s + 1]; c++) {
                line.append("\taction ").append(mdp.actionIndex(c) < 0 ? DrnReader.NO_LABEL : mdp.actionLabel(c));
                appendRewards(line, choiceParts, c);
                line.append('\n');
                for (int k = ts[c]; k < ts[c + 1]; k++) {
                    line.append("\t\t").append(succ[k]).append(" : ").append(prob[k]).append('\n');
                }
            }
            w.append(line);
        }
        w.flush();
    }

    /** {@code " [r1, r2, ...]"} with entry {@code i} of each part (0 for an absent part); nothing without structures. */
    private static void appendRewards(StringBuilder line, double[][] parts, int i) {
        if (parts.length == 0) {
            return;
        }
        line.append(" [");
        for (int j = 0; j < parts.length; j++) {
            if (j > 0) {
                line.append(", ");
            }
            if (parts[j] == null) {
                line.append('0');
            } else {
                line.append(parts[j][i]);
            }
        }
        line.append(']');
    }

    private static String checkToken(String name, String what) {
        boolean ok = !name.isEmpty() && !name.equals(DrnReader.NO_LABEL);
        for (int i = 0; ok && i < name.length(); i++) {
            char ch = name.charAt(i);
            ok = !Character.isWhitespace(ch) && ":[],{}/\"".indexOf(ch) < 0;
        }
        if (!ok) {
            throw new IllegalArgumentException(what + " name '" + name + "' cannot be written in DRN (it must be a"
                    + " non-empty token without whitespace, quotes or any of :[],{}/)");
        }
        return name;
    }
}
