package org.sparsemdp.bench;

import java.util.concurrent.TimeUnit;
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
import org.sparsemdp.model.Mdp;
import org.sparsemdp.solve.BellmanKernel;
import org.sparsemdp.solve.ParallelSweeps;

/**
 * Throughput of one full sweep (sweeps per second; multiply by the model's transitions,
 * states × 32, for transitions per second) of Jacobi value iteration ({@code vi}), Gauss–Seidel
 * ({@code gs}), asynchronous Gauss–Seidel and parallel Jacobi on 2 threads, with two references
 * measured in the same run: a plain one-loop CSR sweep (q[c] = Σ p·v[succ] over all choices, no
 * max, no per-state work) and a STREAM triad a = b + α·c over arrays of the model's transition
 * count (24 bytes per element).
 *
 * <p>Run: {@code java -jar solver-bench/target/benchmarks.jar SweepBenchmark -f 1 -wi 2 -i 3
 * -p states=10000,100000,1000000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
public class SweepBenchmark {
    @Param({"garnet", "banded"})
    public String model;

    @Param({"10000", "100000", "1000000", "4000000"})
    public int states;

    private Mdp mdp;
    private double[] v;
    private double[] out;
    private int[] policy;
    private double[] range;
    private double[] q;
    private double[] a;
    private double[] b;
    private double[] c;
    private ParallelSweeps twoThreads;

    @Setup(Level.Trial)
    public void setUp() {
        mdp = BenchModels.model(model, states, 0.95);
        int n = mdp.numStates();
        v = new double[n];
        out = new double[n];
        policy = new int[n];
        range = new double[2];
        q = new double[mdp.numChoices()];
        for (int s = 0; s < n; s++) {
            v[s] = s % 17;
        }
        int t = (int) mdp.numTransitions();
        a = new double[t];
        b = new double[t];
        c = new double[t];
        for (int i = 0; i < t; i++) {
            b[i] = i;
            c[i] = 1.0 / (i + 1);
        }
        twoThreads = new ParallelSweeps(mdp, 2, null);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        twoThreads.close();
    }

    @Benchmark
    public double vi() {
        BellmanKernel.jacobiSweep(mdp, v, out, policy, 0, v.length, range);
        return range[1];
    }

    @Benchmark
    public double gs() {
        BellmanKernel.gaussSeidelSweep(mdp, v, 0, v.length, range);
        return range[1];
    }

    @Benchmark
    public double gs2Threads() {
        twoThreads.gaussSeidelSweep(v, range);
        return range[1];
    }

    @Benchmark
    public double vi2Threads() {
        twoThreads.jacobiSweep(v, out, policy, range);
        return range[1];
    }

    /** Reference: one pass over all transitions, q[c] = Σ_k p_k v[succ_k]. */
    @Benchmark
    public double plainCsr() {
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final double[] probability = mdp.probabilityArray();
        final double[] vv = v;
        final double[] qq = q;
        for (int ch = 0, m = qq.length; ch < m; ch++) {
            double sum = 0.0;
            for (int k = transStart[ch], end = transStart[ch + 1]; k < end; k++) {
                sum += probability[k] * vv[successor[k]];
            }
            qq[ch] = sum;
        }
        return qq[0];
    }

    /** Reference: STREAM triad over arrays of the model's transition count. */
    @Benchmark
    public double triad() {
        final double[] aa = a;
        final double[] bb = b;
        final double[] cc = c;
        final double alpha = 0.5;
        for (int i = 0, m = aa.length; i < m; i++) {
            aa[i] = bb[i] + alpha * cc[i];
        }
        return aa[0];
    }
}
