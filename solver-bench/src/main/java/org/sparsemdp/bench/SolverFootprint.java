package org.sparsemdp.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.Solvers;

/**
 * Peak heap of each solver: solves the suite's Garnet model ({@link BenchModels}: {@code states}
 * states, 4 actions, 8 random successors, discount {@code gamma}) to ε = 1e-6 with each method
 * named and prints one Markdown table row per method with the heap the solve needs <em>on top of
 * the model</em> (which stays live throughout and is excluded):
 * <ul>
 *   <li>peak, upper bound: the sum of the heap pools' peaks during the solve minus the heap in use
 *       before ({@link HeapProbe#peakSum()}; includes young-generation garbage, so run with a
 *       small young generation, e.g. {@code -Xmn64m});</li>
 *   <li>peak live, lower bound: the largest heap in use after a collection during the solve, minus
 *       before ({@link HeapProbe#maxLiveAfterGc()}; "–" when no collection happened);</li>
 *   <li>allocated: bytes allocated by the solving thread (a total, not a peak);</li>
 * </ul>
 * each also as a multiple of the model's array bytes, plus the wall time and iterations of that
 * single solve (not JMH; the first solve of each method, so including JIT compilation).
 *
 * <p>Run: {@code java -Xmx3g -Xmn64m -XX:+UseSerialGC -cp solver-bench/target/benchmarks.jar
 * org.sparsemdp.bench.SolverFootprint 100000 0.99 vi gs sor topological pi mpi}.
 */
public final class SolverFootprint {
    private static Object keep; // keeps the solution reachable until it is measured

    private SolverFootprint() {
    }

    /** Entry point: {@code states gamma method...}; prints the table to standard output. */
    public static void main(String[] args) {
        int states = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        double gamma = args.length > 1 ? Double.parseDouble(args[1]) : 0.99;
        String[] methods = args.length > 2 ? java.util.Arrays.copyOfRange(args, 2, args.length)
                : new String[] {"vi", "gs", "sor", "topological", "pi", "mpi"};
        Mdp mdp = BenchModels.model("garnet", states, gamma);
        double modelMb = mdp.memoryBytes() / 1e6;
        System.out.printf(Locale.ROOT, "Garnet model: %,d states, %,d choices, %,d transitions, %.1f MB of arrays"
                + " (%.2f B per transition); γ = %s, ε = 1e-6, one thread; JVM heap -Xmx%d MB.%n%n", mdp.numStates(),
                mdp.numChoices(), mdp.numTransitions(), modelMb, (double) mdp.memoryBytes() / mdp.numTransitions(),
                args.length > 1 ? args[1] : "0.99", Runtime.getRuntime().maxMemory() / 1_000_000);
        System.out.println("| method | peak heap above the model, upper bound (MB) | × model | peak live above the model,"
                + " lower bound (MB) | × model | allocated during the solve (MB) | iterations | time (s) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SolverOptions options = SolverOptions.builder().epsilon(1e-6).build();
        for (String method : methods) {
            long before = HeapProbe.usedAfterGc();
            HeapProbe.resetPeaks();
            HeapProbe.resetLive();
            long allocated0 = threads.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            Solution s = Solvers.byName(method).solve(mdp, options);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long allocated = threads.getCurrentThreadAllocatedBytes() - allocated0;
            long peak = Math.max(0, HeapProbe.peakSum() - before);
            keep = s;
            long liveAbs = HeapProbe.maxLiveAfterGc();
            keep = null;
            long liveAbove = Math.max(0, liveAbs - before); // after-GC noise can dip below "before"
            String live = String.format(Locale.ROOT, "%.1f | %.2f", liveAbove / 1e6, liveAbove / 1e6 / modelMb);
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.2f | %s | %.1f | %d | %.3f |%n", method, peak / 1e6,
                    peak / 1e6 / modelMb, liveAbs == 0 ? "– | –" : live, allocated / 1e6, s.iterations(), seconds);
        }
    }
}
