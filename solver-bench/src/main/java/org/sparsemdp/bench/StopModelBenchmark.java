package org.sparsemdp.bench;

import java.util.BitSet;
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
import org.sparsemdp.generate.GarnetGenerator;
import org.sparsemdp.generate.StopEmbedding;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.solve.GaussSeidelSolver;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.undiscounted.Reachability;

/**
 * The undiscounted objective against the discounted one on the same model (issue 21): a Garnet
 * with {@code states} states, 4 actions × 4 successors, γ = 0.99, solved discounted by
 * {@code gs} (ε = 1e-6), and written with a stop state ({@link StopEmbedding}) and solved as
 * R max [F "stop"] with relative ε = 1e-6, certified ({@code untilStop}: exit-rate bounds,
 * policy certified by the run). Both include everything after the model is in memory (graph
 * analysis, reduction, iteration, policy).
 *
 * <pre>java -jar solver-bench/target/benchmarks.jar StopModelBenchmark -p states=100000,1000000</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class StopModelBenchmark {
    /** Number of states of the discounted model (the embedded one has one more). */
    @Param({"100000"})
    public int states;

    private Mdp discounted;
    private Mdp embedded;
    private BitSet stop;
    private final SolverOptions options = SolverOptions.builder().epsilon(1e-6).build();

    /** Generates both models. */
    @Setup(Level.Trial)
    public void setUp() {
        discounted = GarnetGenerator.generate(states, 4, 4, 0.99, 1);
        LoadedModel m = StopEmbedding.embed(discounted);
        embedded = m.mdp();
        stop = m.label(StopEmbedding.STOP);
    }

    /** The discounted model by Gauss–Seidel (the reference). */
    @Benchmark
    public Solution discountedGs() {
        return new GaussSeidelSolver().solve(discounted, options);
    }

    /** R max [F "stop"], relative 1e-6, global order (the default). */
    @Benchmark
    public Solution untilStop() {
        return Reachability.reward(embedded, embedded.rewardArray(), stop, Objective.MAXIMIZE, options, true);
    }
}
