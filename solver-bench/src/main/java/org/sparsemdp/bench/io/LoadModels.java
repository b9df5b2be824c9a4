package org.sparsemdp.bench.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.sparsemdp.bench.ExplicitFiles;
import org.sparsemdp.io.Compression;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.ModelFormats;
import org.sparsemdp.io.ModelReadOptions;
import org.sparsemdp.io.drn.DrnWriter;
import org.sparsemdp.io.cassandra.CassandraWriter;
import org.sparsemdp.io.mdp.MdpTextWriter;
import org.sparsemdp.io.umb.UmbWriter;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * The benchmark's own model and files: a tiny seeded generator (every state has the same number
 * of actions, each with a fixed number of distinct uniformly drawn successors and random
 * probabilities and rewards — the shape of the 10^6 × 4 × 8 load benchmark), written in
 * each format: the native text {@code .mdp} and UMB (each also gzipped), Cassandra's POMDP text
 * (by state, also gzipped, and by action, as {@code T: a} matrices and most other writers order it),
 * PRISM explicit {@code .tra} (transitions only: PRISM keeps rewards in other files) and Storm's
 * DRN. Private to the load benchmarks; the library's generators live elsewhere.
 */
final class LoadModels {
    /** The formats measured: name, file suffix. */
    static final String[] FORMATS = {"mdp", "mdp.gz", "umb", "umb.gz", "cassandra", "cassandra.gz",
        "cassandra-by-action", "tra", "drn", "drn.gz"};

    private LoadModels() {
    }

    /** A random model with {@code states × actions} choices of {@code successors} transitions each. */
    static Mdp generate(long seed, int states, int actions, int successors) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int choices = states * actions;
        int[] choiceStart = new int[states + 1];
        int[] transStart = new int[choices + 1];
        int[] succ = new int[choices * successors];
        double[] prob = new double[succ.length];
        double[] reward = new double[choices];
        int[] actionIndex = new int[choices];
        int[] pick = new int[successors];
        int k = 0;
        for (int s = 0; s < states; s++) {
            choiceStart[s + 1] = (s + 1) * actions;
            for (int a = 0; a < actions; a++) {
                int c = s * actions + a;
                int n = 0;
                while (n < successors) { // distinct successors
                    int t = rnd.nextInt(states);
                    boolean dup = false;
                    for (int i = 0; i < n && !dup; i++) {
                        dup = pick[i] == t;
                    }
                    if (!dup) {
                        pick[n++] = t;
                    }
                }
                java.util.Arrays.sort(pick);
                double total = 0;
                for (int i = 0; i < successors; i++) {
                    prob[k + i] = 0.05 + rnd.nextDouble();
                    total += prob[k + i];
                }
                for (int i = 0; i < successors; i++) {
                    succ[k + i] = pick[i];
                    prob[k + i] /= total;
                }
                double sum = 0; // make the row sum exactly representable within the model's tolerance
                for (int i = 0; i < successors; i++) {
                    sum += prob[k + i];
                }
                prob[k] += 1.0 - sum;
                k += successors;
                transStart[c + 1] = k;
                reward[c] = rnd.nextDouble() * 10;
                actionIndex[c] = a;
            }
        }
        java.util.List<String> labels = new java.util.ArrayList<>();
        for (int a = 0; a < actions; a++) {
            labels.add("a" + a);
        }
        return Mdp.fromArrays(states, choiceStart, transStart, succ, prob, reward, actionIndex, labels,
                Objective.MAXIMIZE, 0.95, new int[] {0});
    }

    /** Writes {@code mdp} as {@code dir/model.<format>}. */
    static Path write(Mdp mdp, Path dir, String format) throws IOException {
        Path file = dir.resolve("model." + format);
        try (OutputStream out = Compression.compressing(Files.newOutputStream(file), file.toString())) {
            if (format.startsWith("mdp")) {
                MdpTextWriter.write(mdp, out);
            } else if (format.startsWith("umb")) {
                UmbWriter.write(mdp, out);
            } else if (format.equals("tra")) {
                ExplicitFiles.writeTra(mdp, out);
            } else if (format.startsWith("drn")) {
                DrnWriter.write(LoadedModel.of(mdp), out);
            } else if (format.equals("cassandra-by-action")) {
                CassandraWriter.write(mdp, out, CassandraWriter.Order.BY_ACTION);
            } else {
                CassandraWriter.write(mdp, out);
            }
        }
        return file;
    }

    /** Reads {@code file} written by {@link #write}, through the library's format registry. */
    static Mdp read(Path file, String format) throws IOException {
        return ModelFormats.byName(registryName(format)).reader().read(file, ModelReadOptions.DEFAULTS).mdp();
    }

    /** The registry's name of a benchmark format ({@code mdp.gz} is {@code mdp}, {@code tra} is {@code prism}, ...). */
    static String registryName(String format) {
        if (format.equals("tra")) {
            return "prism";
        }
        return format.startsWith("cassandra") ? "cassandra" : format.replace(".gz", "");
    }
}
