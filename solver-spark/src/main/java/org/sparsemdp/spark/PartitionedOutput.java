package org.sparsemdp.spark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction2;
import org.sparsemdp.io.PolicyCsv;

/**
 * Writes a {@link DistributedResult} as partitioned files: each executor writes its blocks to
 * {@code part-NNNNN.csv} (NNNNN = partition number, five digits; header
 * {@code state,value,lower,upper,action}, one line per state, doubles in shortest round-trip
 * form, {@code action} the label of the chosen choice as {@code sparsemdp solve --output} writes
 * it, empty for terminal states), and the driver writes {@code summary.json}. Each part file is a
 * policy file for {@code sparsemdp evaluate --policy} (its other columns are ignored there); the
 * parts of all partitions, with the header once, are the policy of the whole model. The per-state answer never passes through
 * the driver, so the directory must be one path that every executor can write (local mode: any
 * directory; a cluster: a shared mount).
 */
public final class PartitionedOutput {
    /** Header of every part file. */
    public static final String HEADER = "state,value,lower,upper,action";
    /** Name of the summary file. */
    public static final String SUMMARY = "summary.json";

    private PartitionedOutput() {
    }

    /** Name of the part file of partition {@code p}. */
    public static String partName(int p) {
        return String.format(Locale.ROOT, "part-%05d.csv", p);
    }

    /**
     * Writes the part files (on the executors) and the summary (on the driver) into
     * {@code dir}, which is created if needed.
     *
     * @param model the solved model (for the summary)
     */
    public static void write(DistributedResult result, DistributedModel model, Path dir) throws IOException {
        Files.createDirectories(dir);
        final String target = dir.toAbsolutePath().toString();
        final String[] labels = model.actionLabels();
        result.blocks().zipPartitions(model.blocks(),
                (FlatMapFunction2<Iterator<BlockSolution>, Iterator<StateBlock>, Integer>) (answers, blocks) -> {
                    writePart(Paths.get(target), TaskContext.getPartitionId(), answers, blocks, labels);
                    return Collections.emptyIterator();
                }).count();
        Files.writeString(dir.resolve(SUMMARY), summary(result, model), StandardCharsets.UTF_8);
    }

    private static void writePart(Path dir, int partition, Iterator<BlockSolution> answers,
                                  Iterator<StateBlock> blocks, String[] labels) {
        Path file = dir.resolve(partName(partition));
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            StringBuilder line = new StringBuilder(96);
            while (answers.hasNext()) {
                BlockSolution a = answers.next();
                StateBlock b = blocks.next(); // the same partition of the same cut: the same states
                for (int i = 0; i < a.values().length; i++) {
                    line.setLength(0);
                    line.append(a.lo() + i).append(',').append(a.values()[i]).append(',').append(a.lower()[i])
                            .append(',').append(a.upper()[i]).append(',');
                    int c = a.policy()[i];
                    if (c >= 0) {
                        line.append(PolicyCsv.quote(b.actionLabel(i, c - b.firstChoice(), labels)));
                    }
                    w.append(line.append('\n'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The summary as JSON (numbers in round-trip form; non-finite numbers as strings). */
    static String summary(DistributedResult r, DistributedModel m) {
        ExchangeStats st = r.stats();
        StringBuilder b = new StringBuilder(512).append("{\n");
        field(b, "method", '"' + r.method() + '"');
        field(b, "status", '"' + r.status().name() + '"');
        field(b, "states", Integer.toString(m.numStates()));
        field(b, "transitions", Long.toString(m.numTransitions()));
        field(b, "partitions", Integer.toString(m.numPartitions()));
        field(b, "discount", number(m.discount()));
        field(b, "objective", '"' + m.objective().name() + '"');
        field(b, "iterations", Long.toString(r.iterations()));
        field(b, "sweepsPerExchange", Integer.toString(st.sweepsPerExchange()));
        field(b, "residual", number(r.residual()));
        field(b, "errorBound", number(r.errorBound()));
        field(b, "policyBound", number(r.policyBound()));
        field(b, "seconds", number(r.seconds()));
        field(b, "secondsPerExchange", number(st.secondsPerExchange()));
        field(b, "broadcastBytesPerExchange", Long.toString(st.broadcastBytes()));
        field(b, "collectedBytesPerExchange", Long.toString(st.collectedBytes()));
        b.append("  \"parts\": ").append(m.numPartitions()).append("\n}\n");
        return b.toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append("  \"").append(name).append("\": ").append(value).append(",\n");
    }

    private static String number(double x) {
        return Double.isFinite(x) ? Double.toString(x) : "\"" + x + "\"";
    }
}
