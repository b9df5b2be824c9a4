package org.sparsemdp.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.drn.DrnReader;
import org.sparsemdp.model.Mdp;

/**
 * Writes a DRN model as PRISM explicit files for the peer comparison in BENCHMARKS.md:
 * {@code BASE.tra} (terminal states get a self-loop, as PRISM's explicit engine wants a choice in
 * every state), {@code BASE.lab} (the model's labels, {@code init} first) and {@code BASE.trew}
 * (each choice's reward on every one of its transitions, so that PRISM's per-choice reward is the
 * model's; choices with reward 0 are left out).
 *
 * <p>{@code java -cp solver-bench/target/benchmarks.jar org.sparsemdp.bench.PrismExport IN.drn BASE}
 * then {@code prism -importtrans BASE.tra -importlabels BASE.lab -importtransrewards BASE.trew -mdp ...}.
 */
public final class PrismExport {
    private PrismExport() {
    }

    /** Entry point: {@code IN.drn BASE}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: PrismExport IN.drn BASE");
        }
        LoadedModel model = DrnReader.read(Path.of(args[0]));
        write(model, args[1]);
    }

    /** Writes {@code BASE.tra}, {@code BASE.lab} and {@code BASE.trew}. */
    static void write(LoadedModel model, String base) throws IOException {
        Mdp mdp = model.mdp();
        int n = mdp.numStates();
        long choices = mdp.numChoices() + mdp.numTerminalStates();
        long transitions = mdp.numTransitions() + mdp.numTerminalStates();
        try (Writer w = writer(base + ".tra")) {
            w.append(n + " " + choices + " " + transitions + "\n");
            for (int s = 0; s < n; s++) {
                if (mdp.isTerminal(s)) {
                    w.append(s + " 0 " + s + " 1\n");
                    continue;
                }
                for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                    int i = c - mdp.choiceStart(s);
                    for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                        w.append(s + " " + i + " " + mdp.successor(k) + " " + mdp.probability(k) + "\n");
                    }
                }
            }
        }
        List<String> names = new ArrayList<>();
        names.add(LoadedModel.INIT);
        for (String l : model.labelNames()) {
            if (!l.equals(LoadedModel.INIT) && !l.equals(LoadedModel.DEADLOCK)) {
                names.add(l);
            }
        }
        try (Writer w = writer(base + ".lab")) {
            for (int i = 0; i < names.size(); i++) {
                w.append(i == 0 ? "" : " ").append(i + "=\"" + names.get(i) + "\"");
            }
            w.append('\n');
            List<BitSet> sets = new ArrayList<>();
            for (String l : names) {
                sets.add(model.label(l));
            }
            for (int s = 0; s < n; s++) {
                StringBuilder line = null;
                for (int i = 0; i < sets.size(); i++) {
                    if (sets.get(i).get(s)) {
                        line = (line == null ? new StringBuilder(s + ":") : line).append(' ').append(i);
                    }
                }
                if (line != null) {
                    w.append(line).append('\n');
                }
            }
        }
        double[] r = mdp.rewardArray();
        long rewarded = 0;
        for (int c = 0; c < r.length; c++) {
            rewarded += r[c] != 0 ? mdp.transitionEnd(c) - mdp.transitionStart(c) : 0;
        }
        try (Writer w = writer(base + ".trew")) {
            w.append(n + " " + choices + " " + rewarded + "\n");
            for (int s = 0; s < n; s++) {
                for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                    if (r[c] == 0) {
                        continue;
                    }
                    int i = c - mdp.choiceStart(s);
                    for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                        w.append(s + " " + i + " " + mdp.successor(k) + " " + r[c] + "\n");
                    }
                }
            }
        }
    }

    private static Writer writer(String file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(Path.of(file), StandardCharsets.US_ASCII), 1 << 16);
    }
}
