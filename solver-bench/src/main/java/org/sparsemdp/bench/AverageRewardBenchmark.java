package org.sparsemdp.bench;

import java.util.BitSet;
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
import org.sparsemdp.generate.GarnetGenerator;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.average.AverageResult;
import org.sparsemdp.solve.average.AverageReward;
import org.sparsemdp.solve.undiscounted.EndComponents;

/**
 * Time to certify the optimal gain (long-run average reward) of the Garnet model that
 * {@code sparsemdp generate garnet --states 100000 --actions 4 --branching 8 --seed 1} writes
 * (MDPSolver's published average-reward example: about 1 s single-threaded, gain in
 * [0.81326903, 0.81326909]), by relative value iteration ({@code rvi}) and policy iteration
 * ({@code pi}) to a bracket of width 2ε, with {@code epsilon} = 1e-6 and 3e-8 (the width of
 * MDPSolver's interval). {@code mec} is the maximal end component refinement alone, for
 * comparison: {@code rvi} needs no graph analysis when its whole-model bracket closes, and
 * {@code pi} replaces the refinement by one Tarjan search on a strongly connected model. MDPSolver
 * itself, side by side: {@code solver-bench/external/mdpsolver/bench_main.cpp}.
 *
 * <p>Run: {@code java -jar solver-bench/target/benchmarks.jar AverageRewardBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class AverageRewardBenchmark {
    /** Number of states (× 4 actions × 8 successors). */
    @Param({"100000"})
    public int states;

    /** Half-width of the requested gain bracket. */
    @Param({"1e-6", "3e-8"})
    public double epsilon;

    private Mdp mdp;
    private SolverOptions options;

    @Setup
    public void setup() {
        mdp = GarnetGenerator.generate(states, 4, 8, 0.99, 1);
        options = SolverOptions.builder().epsilon(epsilon).build();
    }

    @Benchmark
    public AverageResult rvi() {
        return AverageReward.solve(mdp, null, Objective.MAXIMIZE, options, AverageReward.RVI);
    }

    @Benchmark
    public AverageResult pi() {
        return AverageReward.solve(mdp, null, Objective.MAXIMIZE, options, AverageReward.PI);
    }

    @Benchmark
    public EndComponents mec() {
        BitSet all = new BitSet(states);
        all.set(0, states);
        return EndComponents.maximal(mdp, all, null);
    }
}
