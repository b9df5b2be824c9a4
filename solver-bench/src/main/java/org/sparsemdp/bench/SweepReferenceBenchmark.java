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
import org.openjdk.jmh.annotations.Warmup;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * Single-threaded references for {@link SweepBenchmark}'s kernels, on the same models:
 * {@code plainCsr}, one loop over all choices computing q[c] = Σ<sub>k</sub> p<sub>k</sub>
 * v[succ<sub>k</sub>] (the gather every sweep performs, with no max, reward or bound tracking:
 * what a sweep could reach), and {@code gsPrevious}, the Gauss–Seidel kernel as it was before
 * the inner-loop rewrite (one accumulator, compare-and-branch over choices), kept as a baseline
 * for {@code SweepBenchmark.gs}. Run them in the same JMH run as {@code SweepBenchmark} and
 * {@link TriadBenchmark} so the ratios are measured side by side.
 *
 * <p>Run: {@code java -jar solver-bench/target/benchmarks.jar '(SweepBenchmark|SweepReferenceBenchmark|TriadBenchmark)'
 * -p states=1000000 -p model=banded,garnet -p threads=1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class SweepReferenceBenchmark {
    /** {@code garnet}, {@code banded} or {@code banded-shuffled} (see {@link BenchModels}). */
    @Param({"garnet"})
    public String model;

    /** Number of states (× 4 actions × 8 successors transitions). */
    @Param({"10000", "100000", "1000000"})
    public int states;

    /** State ordering applied before measuring: {@code none}, {@code bfs} or {@code rcm}. */
    @Param({"none"})
    public String order;

    private Mdp mdp;
    private double[] v;
    private double[] q;
    private double[] range;

    @Setup(Level.Trial)
    public void setUp() {
        mdp = SweepBenchmark.reordered(BenchModels.model(model, states, 0.99), order);
        int n = mdp.numStates();
        v = new double[n];
        q = new double[mdp.numChoices()];
        range = new double[2];
        for (int s = 0; s < n; s++) {
            v[s] = s % 17;
        }
    }

    /** One pass over all transitions: q[c] = Σ p·v[succ]. */
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

    /** The Gauss–Seidel sweep before the inner-loop rewrite (see the class comment). */
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
                    double qc = reward[c] + gamma * sum;
                    if (minimize ? qc < best : qc > best) {
                        best = qc;
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
}
