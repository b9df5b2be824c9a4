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
import org.sparsemdp.io.json.JsonWriter;
import org.sparsemdp.io.partitioned.ModelBlock;

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
                (FlatMapFunction2<Iterator<BlockSolution>, Iterator<ModelBlock>, Integer>) (answers, blocks) -> {
                    writePart(Paths.get(target), TaskContext.getPartitionId(), answers, blocks, labels);
                    return Collections.emptyIterator();
                }).count();
        Files.writeString(dir.resolve(SUMMARY), summary(result, model), StandardCharsets.UTF_8);
    }

    private static void writePart(Path dir, int partition, Iterator<BlockSolution> answers,
                                  Iterator<ModelBlock> blocks, String[] labels) {
        Path file = dir.resolve(partName(partition));
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            StringBuilder line = new StringBuilder(96);
            while (answers.hasNext()) {
                BlockSolution a = answers.next();
                ModelBlock b = blocks.next(); // the same partition of the same cut: the same states
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

    /**
     * The summary as indented JSON ({@link JsonWriter}: numbers in round-trip form, non-finite
     * numbers as strings), with the field names of the command line's {@code --json} (README,
     * "JSON output"): objective "min"/"max", status the {@code Status} name.
     */
    static String summary(DistributedResult r, DistributedModel m) {
        ExchangeStats st = r.stats();
        StringBuilder b = new StringBuilder(640);
        JsonWriter.pretty(b).beginObject()
                .field("method", r.method())
                .field("status", r.status().name())
                .field("states", m.numStates())
                .field("transitions", m.numTransitions())
                .field("partitions", m.numPartitions())
                .field("discount", m.discount())
                .field("objective", m.objective().keyword())
                .field("iterations", r.iterations())
                .field("sweepsPerExchange", st.sweepsPerExchange())
                .field("residual", r.residual())
                .field("errorBound", r.errorBound())
                .field("policyBound", r.policyBound())
                .field("seconds", r.seconds())
                .field("secondsPerExchange", st.secondsPerExchange())
                .field("broadcastBytesPerExchange", st.broadcastBytes())
                .field("collectedBytesPerExchange", st.collectedBytes())
                .field("parts", m.numPartitions())
                .endObject();
        return b.append('\n').toString();
    }
}
