package org.sparsemdp.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sparsemdp.graph.StateOrdering;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.PermutedMdp;
import org.sparsemdp.solve.BellmanKernel;
import org.sparsemdp.solve.ParallelSweeps;

/**
 * Time per sweep of the two Bellman sweeps every iterative solver is built on — Jacobi
 * ({@code vi}: {@link BellmanKernel#jacobiSweep}) and in-place Gauss–Seidel ({@code gs}:
 * {@link BellmanKernel#gaussSeidelSweep}, which {@code sor} and {@code topological} also use) — on
 * the benchmark models of {@link BenchModels} (Garnet: 4 actions, 8 random successors), with
 * {@code threads} = 1 (the sequential kernel) or more ({@link ParallelSweeps}: parallel Jacobi,
 * asynchronous block Gauss–Seidel).
 *
 * <p>The {@code bytes} counter is the sweep's <em>streamed</em> memory traffic per operation,
 * {@link #streamedBytes}: 12 B per transition (successor int, probability double), 12 B per choice
 * (transition offset int, reward double), 4 B per state (choice offset) plus the value traffic
 * (read v[s] 8 B; Jacobi writes out[s] 8 B and policy[s] 4 B, Gauss–Seidel writes v[s] 8 B). The
 * random reads v[successor] are not counted (on a Garnet model they are the cache misses that
 * make the sweep slower than the triad). The report divides it by {@link TriadBenchmark}'s rate
 * with the same {@code states} and {@code threads}.
 *
 * <p>{@code model}: {@code garnet} (random successors), {@code banded} (local) or
 * {@code banded-shuffled} (the banded model with randomly renumbered states); {@code order}: the
 * {@link StateOrdering} applied to the model before measuring ({@code none}, {@code bfs},
 * {@code rcm}). {@link SweepReferenceBenchmark} holds the single-threaded references (a plain
 * one-loop CSR sweep and the previous Gauss–Seidel kernel) on the same models.
 *
 * <p>Run: {@code java -jar solver-bench/target/benchmarks.jar 'SweepBenchmark' -p states=10000,100000,1000000
 * -p threads=1,2}. Reordering: {@code ... 'SweepBenchmark.gs$' -p states=1000000
 * -p model=garnet,banded-shuffled -p order=none,bfs,rcm -p threads=1}. 4·10^6 states (128M
 * transitions, about 1.5 GB per model): {@code ... -p states=4000000 -jvmArgsAppend -Xmx8g}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class SweepBenchmark {
    /** {@code garnet}, {@code banded} (successors within ±32) or {@code banded-shuffled}. */
    @Param({"garnet"})
    public String model;

    /** State ordering applied before measuring: {@code none}, {@code bfs} or {@code rcm}. */
    @Param({"none"})
    public String order;

    /** Number of states (× 4 actions × 8 successors transitions). */
    @Param({"10000", "100000", "1000000"})
    public int states;

    /** Solver threads: 1 = the sequential kernel, more = {@link ParallelSweeps}. */
    @Param({"1", "2"})
    public int threads;

    private Mdp mdp;
    private double[] v;
    private double[] out;
    private int[] policy;
    private double[] range;
    private ParallelSweeps parallel;
    private long jacobiBytes;
    private long gaussSeidelBytes;

    /** Bytes of streamed memory traffic, per operation (a JMH auxiliary counter). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Traffic {
        /** Streamed bytes, summed over the operations of an iteration. */
        public long bytes;

        /** Reset at each iteration, as JMH requires for auxiliary counters. */
        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        mdp = reordered(BenchModels.model(model, states, 0.99), order);
        int n = mdp.numStates();
        v = new double[n];
        out = new double[n];
        policy = new int[n];
        range = new double[2];
        for (int s = 0; s < n; s++) {
            v[s] = s % 17;
        }
        parallel = threads > 1 ? new ParallelSweeps(mdp, threads, null) : null;
        jacobiBytes = streamedBytes(mdp, true);
        gaussSeidelBytes = streamedBytes(mdp, false);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (parallel != null) {
            parallel.close();
        }
    }

    /** The model renumbered by the named {@link StateOrdering} ({@code none}: unchanged). */
    static Mdp reordered(Mdp generated, String order) {
        StateOrdering ordering = StateOrdering.parse(order);
        return ordering == StateOrdering.NONE ? generated
                : PermutedMdp.of(generated, ordering.order(generated)).permuted();
    }

    /**
     * The streamed bytes of one sweep (see the class comment): 12 per transition, 12 per choice,
     * 4 per state, and per state 8 + 12 (Jacobi) or 8 + 8 (Gauss–Seidel) of value traffic.
     */
    static long streamedBytes(Mdp mdp, boolean jacobi) {
        return 12L * mdp.numTransitions() + 12L * mdp.numChoices() + (long) mdp.numStates() * (jacobi ? 24 : 20);
    }

    /** One Jacobi sweep (value iteration). */
    @Benchmark
    public double vi(Traffic traffic) {
        if (parallel == null) {
            BellmanKernel.jacobiSweep(mdp, v, out, policy, 0, v.length, range);
        } else {
            parallel.jacobiSweep(v, out, policy, range);
        }
        traffic.bytes += jacobiBytes;
        return range[1];
    }

    /** One in-place Gauss–Seidel sweep. */
    @Benchmark
    public double gs(Traffic traffic) {
        if (parallel == null) {
            BellmanKernel.gaussSeidelSweep(mdp, v, 0, v.length, range);
        } else {
            parallel.gaussSeidelSweep(v, range);
        }
        traffic.bytes += gaussSeidelBytes;
        return range[1];
    }
}
