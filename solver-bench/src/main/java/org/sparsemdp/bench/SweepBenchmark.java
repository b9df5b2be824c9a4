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
import org.sparsemdp.graph.StateOrdering;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.model.PermutedMdp;
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
 * <p>{@code model}: {@code garnet} (random successors), {@code banded} (local) or
 * {@code banded-shuffled} (the banded model with randomly renumbered states); {@code order}:
 * the {@link StateOrdering} applied to the model before measuring ({@code none}, {@code bfs},
 * {@code rcm}). {@code gsPrevious} is the Gauss–Seidel kernel as it was before the inner loop was
 * rewritten (one accumulator, compare-and-branch over choices), kept as a baseline for
 * {@code gs}.
 *
 * <p>Default run (a few minutes): {@code java -jar solver-bench/target/benchmarks.jar
 * SweepBenchmark -f 1 -wi 2 -i 3 -w 1 -r 1}. Reordering:
 * {@code ... SweepBenchmark -f 1 -wi 2 -i 3 -w 1 -r 1 -p states=1000000 -p model=garnet,banded-shuffled
 * -p order=none,rcm}. 4·10^6 states (128M transitions, about 1.5 GB per model plus 3 GB for
 * the triad; the default heap is 8 GB): {@code ... -p states=4000000}.
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

    @Param({"100000", "1000000"})
    public int states;

    @Param({"none"})
    public String order;

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
        Mdp generated = BenchModels.model(model, states, 0.95);
        StateOrdering ordering = StateOrdering.parse(order);
        mdp = ordering == StateOrdering.NONE ? generated
                : PermutedMdp.of(generated, ordering.order(generated)).permuted();
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

    /** Baseline: the Gauss–Seidel sweep before the inner-loop rewrite (see the class comment). */
    @Benchmark
    public double gsPrevious() {
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final double[] probability = mdp.probabilityArray();
        final double[] reward = mdp.rewardArray();
        final double gamma = mdp.discount();
        final boolean minimize = mdp.objective() == Objective.MINIMIZE;
        final double[] vv = v;
        double minDelta = Double.POSITIVE_INFINITY;
        double maxDelta = Double.NEGATIVE_INFINITY;
        for (int s = 0, n = vv.length; s < n; s++) {
            final int cEnd = choiceStart[s + 1];
            int c = choiceStart[s];
            double best = 0.0;
            if (c < cEnd) {
                best = minimize ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                for (; c < cEnd; c++) {
                    double sum = 0.0;
                    for (int k = transStart[c], kEnd = transStart[c + 1]; k < kEnd; k++) {
                        sum += probability[k] * vv[successor[k]];
                    }
                    double q = reward[c] + gamma * sum;
                    if (minimize ? q < best : q > best) {
                        best = q;
                    }
                }
            }
            double delta = best - vv[s];
            vv[s] = best;
            minDelta = Math.min(minDelta, delta);
            maxDelta = Math.max(maxDelta, delta);
        }
        range[0] = minDelta;
        range[1] = maxDelta;
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
