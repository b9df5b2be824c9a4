package org.sparsemdp.bench;

import java.util.List;
import java.util.Locale;
import org.sparsemdp.model.Mdp;

/**
 * Memory footprint of generated models: for each {@code kind:states} argument (default: one
 * instance of every generator), generates the model and prints one Markdown table row with its
 * sizes, the bytes per transition of its arrays ({@link Mdp#memoryBytes()}), the <em>measured</em>
 * retained heap per transition (used heap after a full GC with the model alive, minus before),
 * the peak heap during generation relative to the retained size (about 1 means no second full
 * copy of the model was ever held), and the generation time (the fastest of three runs after one
 * warm-up run; a plain wall-clock measurement, use {@link GenerateBenchmark} for JMH timings).
 *
 * <p>Run: {@code java -Xmx6g -cp solver-bench/target/benchmarks.jar
 * org.sparsemdp.bench.ModelFootprint [kind:states ...]}. GC-based numbers are only meaningful
 * with a single-threaded caller and nothing else allocating; they are approximate (±1 MB).
 */
public final class ModelFootprint {
    private static Mdp keep; // keeps the model reachable while the heap is measured

    private ModelFootprint() {
    }

    /** Entry point; prints the table to standard output. */
    public static void main(String[] args) {
        List<String> specs = args.length > 0 ? List.of(args)
                : List.of("garnet:1000000", "grid:1000000", "forest:1000000", "inventory:1000", "substation:100000", "forest:10000000");
        System.out.println("| kind | target states | states | choices | transitions | array bytes/transition"
                + " | measured retained bytes/transition | peak heap / retained | generation time (s) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String spec : specs) {
            String[] kv = spec.split(":");
            String kind = kv[0];
            int states = Integer.parseInt(kv[1]);
            System.out.println(row(kind, states));
        }
    }

    private static String row(String kind, int states) {
        keep = GeneratedModels.generate(kind, states); // warm-up
        keep = null;
        double best = Double.POSITIVE_INFINITY;
        long retained = 0;
        double peakRatio = 0;
        for (int rep = 0; rep < 3; rep++) {
            long before = HeapProbe.usedAfterGc();
            HeapProbe.resetPeaks();
            long t0 = System.nanoTime();
            keep = GeneratedModels.generate(kind, states);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long peak = HeapProbe.peakSum();
            long after = HeapProbe.usedAfterGc();
            best = Math.min(best, seconds);
            retained = after - before;
            peakRatio = (double) (peak - before) / Math.max(1, retained);
            if (rep < 2) {
                keep = null;
            }
        }
        Mdp mdp = keep;
        keep = null;
        long t = mdp.numTransitions();
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.2f | %.2f | %.2f | %.3f |", kind, states,
                mdp.numStates(), mdp.numChoices(), t, (double) mdp.memoryBytes() / t, (double) retained / t,
                peakRatio, best);
    }
}
