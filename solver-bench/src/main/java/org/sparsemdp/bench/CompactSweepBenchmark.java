package org.sparsemdp.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sparsemdp.model.CompactMdp;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.solve.BellmanKernel;
import org.sparsemdp.solve.CompactBellmanKernel;

/**
 * Time per sweep over compact storage ({@link CompactBellmanKernel}: 32-bit fixed-point
 * probabilities, no offset arrays, 9 B per transition) against the double storage
 * ({@link BellmanKernel}: 14 B per transition) of the same Garnet model (4 actions, 8 random
 * successors, {@link BenchModels}), one thread. {@code storage} selects the layout; both are set
 * up from the same double model, the compact one by {@link CompactMdp#of}.
 *
 * <p>Run (interleave by repeating the command): {@code java -jar solver-bench/target/benchmarks.jar
 * 'CompactSweepBenchmark' -p states=1000000 -p storage=double,compact}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class CompactSweepBenchmark {
    /** {@code double} ({@link Mdp}) or {@code compact} ({@link CompactMdp}). */
    @Param({"double", "compact"})
    public String storage;

    /** Number of states (× 4 actions × 8 successors transitions). */
    @Param({"1000000"})
    public int states;

    private Mdp mdp;
    private CompactMdp compact;
    private double[] v;
    private double[] out;
    private int[] policy;
    private double[] range;

    @Setup
    public void setUp() {
        Mdp generated = BenchModels.model("garnet", states, 0.99);
        if ("compact".equals(storage)) {
            compact = CompactMdp.of(generated);
        } else if ("double".equals(storage)) {
            mdp = generated;
        } else {
            throw new IllegalArgumentException("storage must be double or compact, not " + storage);
        }
        v = new double[states];
        out = new double[states];
        policy = new int[states];
        range = new double[2];
        for (int s = 0; s < states; s++) {
            v[s] = s % 17;
        }
    }

    /** One Jacobi sweep (value iteration). */
    @Benchmark
    public double vi() {
        if (compact != null) {
            CompactBellmanKernel.jacobiSweep(compact, v, out, policy, 0, states, range);
        } else {
            BellmanKernel.jacobiSweep(mdp, v, out, policy, 0, states, range);
        }
        return range[1];
    }

    /** One in-place Gauss–Seidel sweep. */
    @Benchmark
    public double gs() {
        if (compact != null) {
            CompactBellmanKernel.gaussSeidelSweep(compact, v, 0, states, range);
        } else {
            BellmanKernel.gaussSeidelSweep(mdp, v, 0, states, range);
        }
        return range[1];
    }
}
