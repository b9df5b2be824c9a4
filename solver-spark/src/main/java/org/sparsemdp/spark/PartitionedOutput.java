package org.sparsemdp.spark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Iterator;
import java.util.Locale;
import org.apache.spark.TaskContext;
import org.sparsemdp.io.json.JsonWriter;

/**
 * Writes a {@link DistributedResult} as partitioned files: each executor writes its blocks to
 * {@code part-NNNNN.csv} (NNNNN = partition number, five digits; header
 * {@code state,value,lower,upper,choice}, one line per state, doubles in shortest round-trip
 * form), and the driver writes {@code summary.json}. The per-state answer never passes through
 * the driver, so the directory must be one path that every executor can write (local mode: any
 * directory; a cluster: a shared mount).
 */
public final class PartitionedOutput {
    /** Header of every part file. */
    public static final String HEADER = "state,value,lower,upper,choice";
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
        result.blocks().foreachPartition(it -> writePart(Paths.get(target), TaskContext.getPartitionId(), it));
        Files.writeString(dir.resolve(SUMMARY), summary(result, model), StandardCharsets.UTF_8);
    }

    private static void writePart(Path dir, int partition, Iterator<BlockSolution> blocks) {
        Path file = dir.resolve(partName(partition));
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            StringBuilder line = new StringBuilder(96);
            while (blocks.hasNext()) {
                BlockSolution b = blocks.next();
                for (int i = 0; i < b.values().length; i++) {
                    line.setLength(0);
                    line.append(b.lo() + i).append(',').append(b.values()[i]).append(',').append(b.lower()[i])
                            .append(',').append(b.upper()[i]).append(',').append(b.policy()[i]).append('\n');
                    w.append(line);
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
