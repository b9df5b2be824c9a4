package org.sparsemdp.bench.io;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sparsemdp.bench.HeapProbe;
import org.sparsemdp.model.Mdp;

/**
 * Peak heap of each reader, next to the final model's size: for every format, the model file is
 * written, the heap is collected, the peak-usage counters of all heap pools are reset, the file
 * is loaded, and the sum of the pools' peaks minus the heap in use before the load is reported.
 * The sum of per-pool peaks is an upper bound on the true peak: pools peak at different times and
 * the young generation's peak counts short-lived garbage (e.g. tokens of a text reader). A second
 * column, "live MiB", is the largest heap in use just after a collection during the load (from
 * the collectors' notifications) minus the heap in use before: a lower bound on the peak of live
 * data, close to it when collections are frequent (run with a small young generation, e.g.
 * {@code -Xmn64m}).
 * Also reports a single-shot load time and rate, both wall-clock and as CPU time of the loading
 * thread (which a busy machine inflates much less than wall time; it excludes GC threads). Run
 * with a fixed heap so that the collector
 * sizes pools the same way for every format:
 *
 * <pre>
 * java -Xms12g -Xmx12g -cp solver-bench/target/benchmarks.jar org.sparsemdp.bench.io.LoadFootprint 1000000 4 8
 * </pre>
 */
public final class LoadFootprint {
    private LoadFootprint() {
    }

    public static void main(String[] args) throws IOException {
        int states = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int actions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int successors = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        String[] formats = args.length > 3 ? args[3].split(",") : LoadModels.FORMATS;
        Path dir = Files.createTempDirectory("sparsemdp-footprint");
        Mdp model = LoadModels.generate(42, states, actions, successors);
        long modelBytes = model.memoryBytes();
        System.out.printf(Locale.ROOT, "model: %d states, %d choices, %d transitions, %.1f MiB%n", model.numStates(),
                model.numChoices(), model.numTransitions(), modelBytes / 1048576.0);
        System.out.println("format       file MiB   wall s  MB/s(wall)  cpu s  MB/s(cpu)   peak MiB  peak/model"
                + "   live MiB  live/model");
                java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String format : formats) {
            Path file = LoadModels.write(model, dir, format);
            long size = Files.size(file);
            quiesce(); // the generated model stays live; it is part of "before" and cancels out

            long before = HeapProbe.used();
            HeapProbe.resetPeaks();
            HeapProbe.resetLive();
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Mdp loaded = LoadModels.read(file, format);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            long peak = HeapProbe.peakSum() - before;
            quiesce(); // one more collection: the loaded model itself is live
            long live = Math.max(0, HeapProbe.maxLiveAfterGc() - before);
            System.out.printf(Locale.ROOT, "%-10s %10.1f %8.2f %11.0f %6.2f %10.0f %10.1f %10.2f %10.1f %10.2f%n",
                    format, size / 1048576.0, seconds, size / 1e6 / seconds, cpu, size / 1e6 / cpu,
                    peak / 1048576.0, (double) peak / loaded.memoryBytes(), live / 1048576.0,
                    (double) live / loaded.memoryBytes());
            if (loaded.numTransitions() != model.numTransitions()) {
                throw new IllegalStateException("read back a different model");
            }
            Files.delete(file);
        }
        Files.delete(dir);
    }

    private static void quiesce() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }
}
