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
import org.sparsemdp.model.Mdp;

/**
 * Writes a {@link LoadedModel} in Storm's DRN format (see {@link DrnReader} for the grammar).
 * Reward structures are written as reward models with all of each choice's reward on the action
 * line (state rewards 0), which denotes the same per-choice rewards; labels are written on the
 * state lines, in alphabetical order. Numbers use {@link Double#toString(double)}, so reading the file back gives
 * identical arrays.
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

    /** Writes {@code model} to {@code out} (flushed, not closed). */
    public static void write(LoadedModel model, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        Mdp mdp = model.mdp();
        List<String> rewardNames = model.rewardStructureNames();
        List<double[]> rewards = new ArrayList<>();
        for (String name : rewardNames) {
            if (name.isEmpty() || name.chars().anyMatch(ch -> Character.isWhitespace(ch) || ch == ',' || ch == '[')) {
                throw new IllegalArgumentException("reward structure name '" + name + "' cannot be written in DRN");
            }
            rewards.add(model.rewards(name));
        }
        List<String> labelNames = new ArrayList<>(model.labelNames());
        java.util.Collections.sort(labelNames); // a deterministic order, whatever the reader's
        List<BitSet> labels = new ArrayList<>();
        for (String name : labelNames) {
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
            if (!rewards.isEmpty()) {
                line.append(" [");
                for (int i = 0; i < rewards.size(); i++) {
                    line.append(i > 0 ? ", 0" : "0");
                }
                line.append(']');
            }
            for (int i = 0; i < labels.size(); i++) {
                if (labels.get(i).get(s)) {
                    line.append(' ').append(labelNames.get(i));
                }
            }
            line.append('\n');
            for (int c = cs[s]; c < cs[s + 1]; c++) {
                line.append("\taction ").append(mdp.actionIndex(c) < 0 ? DrnReader.NO_LABEL : mdp.actionLabel(c));
                if (!rewards.isEmpty()) {
                    line.append(" [");
                    for (int i = 0; i < rewards.size(); i++) {
                        line.append(i > 0 ? ", " : "").append(rewards.get(i)[c]);
                    }
                    line.append(']');
                }
                line.append('\n');
                for (int k = ts[c]; k < ts[c + 1]; k++) {
                    line.append("\t\t").append(succ[k]).append(" : ").append(prob[k]).append('\n');
                }
            }
            w.append(line);
        }
        w.flush();
    }
}
