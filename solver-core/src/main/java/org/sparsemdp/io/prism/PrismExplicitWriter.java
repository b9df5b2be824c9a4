package org.sparsemdp.io.prism;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparsemdp.io.Compression;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.OutputFiles;
import org.sparsemdp.io.RewardStructure;
import org.sparsemdp.model.Mdp;

/**
 * Writes a {@link LoadedModel} in PRISM's explicit format, as PRISM exports it ({@code -exportmodel}),
 * so that {@link PrismExplicitReader} (and PRISM's or Storm's explicit import) reads it back:
 * <ul>
 *   <li>{@code model.tra}: {@code # Transitions (MDP)}, the count line {@code states choices
 *       transitions}, rows {@code s c t p [action]} (no action for an unlabelled choice);</li>
 *   <li>{@code model.lab}: {@code # Labels}, {@code 0="init" 1="deadlock" 2="goal" ...}, then
 *       {@code s: i j} for every state with a label;</li>
 *   <li>per reward structure ({@link LoadedModel#rewardStructuresOrOwnRewards()}) a state reward
 *       file {@code .srew} (if it has a state part: {@code # Reward structure "name"},
 *       {@code # State rewards}, {@code states entries}, rows {@code s r} of the non-zero rewards)
 *       and a transition reward file {@code .trew} (if it has a choice part: {@code # Transition
 *       rewards}, {@code states choices entries}, rows {@code s c t r} giving every transition of a
 *       choice its reward, which is how PRISM writes MDP state-action rewards). One structure is
 *       {@code model.srew}/{@code model.trew}; several are numbered {@code model1.srew},
 *       {@code model2.srew}, ... in order. A structure whose name is its 1-based number gets a
 *       header without a name (PRISM's unnamed structures).</li>
 * </ul>
 * The label and reward files take the compression suffix of the {@code .tra} name. PRISM's format
 * has no objective or discount; they are not written. Numbers use {@link Double#toString(double)}
 * (exact on reading back).
 *
 * <p>Files beside the {@code .tra} that the reader would also pick up (an older {@code model3.srew}
 * when two structures are written, say) are an error rather than part of the next read.
 */
public final class PrismExplicitWriter {
    private PrismExplicitWriter() {
    }

    /**
     * Writes {@code model} as {@code tra} and the files beside it, opened through {@code files}.
     *
     * @throws IOException              if writing fails or a stale file beside {@code tra} would be read back with it
     * @throws IllegalArgumentException if a label, action or structure name cannot be written
     */
    public static void write(LoadedModel model, Path tra, OutputFiles files) throws IOException {
        List<RewardStructure> structures = model.rewardStructuresOrOwnRewards();
        Layout layout = new Layout(tra, structures);
        layout.checkNoStaleFiles();
        Mdp mdp = model.mdp();
        checkActions(mdp);
        try (Writer w = writer(files.open(tra))) {
            writeTransitions(mdp, w);
        }
        try (Writer w = writer(files.open(layout.lab))) {
            writeLabels(model.labels(), mdp.numStates(), w);
        }
        for (int i = 0; i < structures.size(); i++) {
            RewardStructure rs = structures.get(i);
            String header = rs.name().equals(String.valueOf(i + 1)) ? "# Reward structure\n"
                    : "# Reward structure \"" + checkName(rs.name(), "reward structure") + "\"\n";
            if (layout.srew.get(i) != null) {
                try (Writer w = writer(files.open(layout.srew.get(i)))) {
                    writeStateRewards(rs.stateRewardArray(), mdp.numStates(), header, w);
                }
            }
            if (layout.trew.get(i) != null) {
                try (Writer w = writer(files.open(layout.trew.get(i)))) {
                    writeTransitionRewards(rs.choiceRewardArray(), mdp, header, w);
                }
            }
        }
    }

    /** Every file {@link #write} writes for {@code model} at {@code tra}. */
    public static List<Path> files(LoadedModel model, Path tra) {
        return new Layout(tra, model.rewardStructuresOrOwnRewards()).all();
    }

    /** The names of the files beside the {@code .tra}. */
    private static final class Layout {
        final Path dir;
        final String base;
        final String compression;
        final Path tra;
        final Path lab;
        final List<Path> srew = new ArrayList<>();
        final List<Path> trew = new ArrayList<>();

        Layout(Path tra, List<RewardStructure> structures) {
            this.tra = tra;
            this.dir = tra.toAbsolutePath().getParent();
            String name = tra.getFileName().toString();
            String plain = Compression.stripCompressionSuffix(name);
            this.compression = name.substring(plain.length());
            this.base = PrismExplicitReader.stem(tra);
            this.lab = dir.resolve(base + ".lab" + compression);
            for (int i = 0; i < structures.size(); i++) {
                RewardStructure rs = structures.get(i);
                String b = structures.size() == 1 ? base : base + (i + 1);
                boolean state = rs.hasStateRewards() || !rs.hasChoiceRewards(); // an empty structure gets an empty .srew
                srew.add(state ? dir.resolve(b + ".srew" + compression) : null);
                trew.add(rs.hasChoiceRewards() ? dir.resolve(b + ".trew" + compression) : null);
            }
        }

        List<Path> all() {
            List<Path> out = new ArrayList<>(List.of(tra, lab));
            for (int i = 0; i < srew.size(); i++) {
                if (srew.get(i) != null) {
                    out.add(srew.get(i));
                }
                if (trew.get(i) != null) {
                    out.add(trew.get(i));
                }
            }
            return out;
        }

        /** Throws if a file the reader looks for beside the .tra exists and is not one written. */
        void checkNoStaleFiles() throws IOException {
            Set<Path> written = new LinkedHashSet<>();
            for (Path p : all()) {
                written.add(p.toAbsolutePath());
            }
            List<String> names = new ArrayList<>(List.of(base + ".lab", base + ".srew", base + ".trew"));
            for (int i = 1; i <= srew.size() + 1; i++) {
                names.add(base + i + ".srew");
                names.add(base + i + ".trew");
            }
            for (String name : names) {
                for (String suffix : new String[] {"", ".gz", ".xz"}) {
                    Path p = dir.resolve(name + suffix).toAbsolutePath();
                    if (written.contains(p)) {
                        break; // the reader finds this one first
                    }
                    if (Files.exists(p)) {
                        throw new IOException(p + " exists and would be read with " + tra + " as part of the model;"
                                + " remove it or write to another name");
                    }
                }
            }
        }
    }

    private static Writer writer(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    private static void checkActions(Mdp mdp) {
        for (String a : mdp.actionLabels()) {
            checkName(a, "action");
        }
    }

    private static String checkName(String name, String what) {
        boolean ok = !name.isEmpty();
        for (int i = 0; ok && i < name.length(); i++) {
            char ch = name.charAt(i);
            ok = !Character.isWhitespace(ch) && ch != '"' && ch != '#' && ch != '=' && ch != ':';
        }
        if (!ok) {
            throw new IllegalArgumentException(what + " name '" + name + "' cannot be written in PRISM's explicit"
                    + " format (it must be a non-empty token without whitespace or any of \"#=:)");
        }
        return name;
    }

    private static void writeTransitions(Mdp mdp, Writer w) throws IOException {
        w.write("# Transitions (MDP)\n");
        w.write(mdp.numStates() + " " + mdp.numChoices() + " " + mdp.numTransitions() + "\n");
        int[] cs = mdp.choiceStartArray();
        int[] ts = mdp.transitionStartArray();
        int[] succ = mdp.successorArray();
        double[] prob = mdp.probabilityArray();
        StringBuilder line = new StringBuilder(256);
        for (int s = 0; s < mdp.numStates(); s++) {
            line.setLength(0);
            for (int c = cs[s]; c < cs[s + 1]; c++) {
                String action = mdp.actionIndex(c) < 0 ? null : mdp.actionLabel(c);
                for (int k = ts[c]; k < ts[c + 1]; k++) {
                    line.append(s).append(' ').append(c - cs[s]).append(' ').append(succ[k]).append(' ').append(prob[k]);
                    if (action != null) {
                        line.append(' ').append(action);
                    }
                    line.append('\n');
                }
            }
            w.append(line);
        }
    }

    private static void writeLabels(Map<String, BitSet> labels, int n, Writer w) throws IOException {
        List<String> names = new ArrayList<>(labels.keySet());
        // init and deadlock first, as PRISM numbers them
        names.remove(LoadedModel.INIT);
        names.remove(LoadedModel.DEADLOCK);
        names.add(0, LoadedModel.DEADLOCK);
        names.add(0, LoadedModel.INIT);
        w.write("# Labels\n");
        BitSet[] sets = new BitSet[names.size()];
        for (int i = 0; i < names.size(); i++) {
            w.write((i > 0 ? " " : "") + i + "=\"" + checkName(names.get(i), "label") + "\"");
            sets[i] = labels.get(names.get(i));
        }
        w.write("\n");
        StringBuilder line = new StringBuilder(64);
        for (int s = 0; s < n; s++) {
            line.setLength(0);
            for (int i = 0; i < sets.length; i++) {
                if (sets[i].get(s)) {
                    line.append(line.length() == 0 ? s + ":" : "").append(' ').append(i);
                }
            }
            if (line.length() > 0) {
                w.append(line).append('\n');
            }
        }
    }

    private static void writeStateRewards(double[] state, int n, String header, Writer w) throws IOException {
        int entries = 0;
        for (int s = 0; state != null && s < n; s++) {
            entries += state[s] != 0.0 ? 1 : 0;
        }
        w.write(header);
        w.write("# State rewards\n");
        w.write(n + " " + entries + "\n");
        for (int s = 0; state != null && s < n; s++) {
            if (state[s] != 0.0) {
                w.write(s + " " + state[s] + "\n");
            }
        }
    }

    private static void writeTransitionRewards(double[] choice, Mdp mdp, String header, Writer w) throws IOException {
        int[] cs = mdp.choiceStartArray();
        int[] ts = mdp.transitionStartArray();
        int[] succ = mdp.successorArray();
        long entries = 0;
        for (int c = 0; c < mdp.numChoices(); c++) {
            entries += choice[c] != 0.0 ? ts[c + 1] - ts[c] : 0;
        }
        w.write(header);
        w.write("# Transition rewards\n");
        w.write(mdp.numStates() + " " + mdp.numChoices() + " " + entries + "\n");
        StringBuilder line = new StringBuilder(128);
        for (int s = 0; s < mdp.numStates(); s++) {
            for (int c = cs[s]; c < cs[s + 1]; c++) {
                if (choice[c] == 0.0) {
                    continue;
                }
                line.setLength(0);
                for (int k = ts[c]; k < ts[c + 1]; k++) {
                    line.append(s).append(' ').append(c - cs[s]).append(' ').append(succ[k]).append(' ')
                            .append(choice[c]).append('\n');
                }
                w.append(line);
            }
        }
    }
}
