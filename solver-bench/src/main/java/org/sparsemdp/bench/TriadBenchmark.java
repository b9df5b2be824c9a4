package org.sparsemdp.bench;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

/**
 * The memory-bandwidth reference of the suite: the STREAM triad a[i] = b[i] + q·c[i] (McCalpin,
 * "Memory bandwidth and machine balance in current high performance computers", IEEE TCCA
 * Newsletter, 1995) over arrays as long as the transitions of a {@code states}-state benchmark
 * model (states × 4 × 8), split into {@code threads} contiguous blocks run in parallel. Its
 * {@code bytes} counter counts 24 B per element (two reads and one write; the write-allocate read
 * is not counted, as in STREAM), so the report reads it as GB/s and divides the sweeps' streamed
 * traffic by it ({@code Analyses.triadReference}: same {@code states} and {@code threads}).
 *
 * <p>Run in the same JMH run as {@link SweepBenchmark}, with the same {@code -p states} and
 * {@code -p threads}: {@code java -jar solver-bench/target/benchmarks.jar 'SweepBenchmark|TriadBenchmark'}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class TriadBenchmark {
    /** The model size whose transition count gives the array length. */
    @Param({"10000", "100000", "1000000"})
    public int states;

    /** Threads sharing the arrays (contiguous blocks). */
    @Param({"1", "2"})
    public int threads;

    private double[] a;
    private double[] b;
    private double[] c;
    private ExecutorService pool;
    private Future<?>[] futures;
    private long bytesPerOp;

    /** Bytes moved per operation (a JMH auxiliary counter). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Traffic {
        /** Bytes, summed over the operations of an iteration. */
        public long bytes;

        /** Reset at each iteration, as JMH requires for auxiliary counters. */
        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        int n = Math.toIntExact((long) states * BenchModels.ACTIONS * BenchModels.BRANCHING);
        a = new double[n];
        b = new double[n];
        c = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = i;
            c[i] = 1.0 / (i + 1);
        }
        bytesPerOp = 24L * n;
        pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "triad");
            t.setDaemon(true);
            return t;
        }) : null;
        futures = new Future<?>[threads];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private void block(int k) {
        final double[] aa = a;
        final double[] bb = b;
        final double[] cc = c;
        final double q = 0.5;
        int from = (int) ((long) aa.length * k / threads);
        int to = (int) ((long) aa.length * (k + 1) / threads);
        for (int i = from; i < to; i++) {
            aa[i] = bb[i] + q * cc[i];
        }
    }

    /** One triad over the whole arrays; the caller runs the last block. */
    @Benchmark
    public double triad(Traffic traffic) throws InterruptedException, ExecutionException {
        for (int k = 0; k < threads - 1; k++) {
            final int block = k;
            futures[k] = pool.submit(() -> block(block));
        }
        block(threads - 1);
        for (int k = 0; k < threads - 1; k++) {
            futures[k].get();
        }
        traffic.bytes += bytesPerOp;
        return a[a.length - 1];
    }
}
