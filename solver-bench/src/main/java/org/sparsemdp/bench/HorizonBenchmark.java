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
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.ValueIterationSolver;
import org.sparsemdp.solve.horizon.BackwardInduction;
import org.sparsemdp.solve.horizon.HorizonResult;

/**
 * Finite-horizon backward induction against value iteration, the same number of sweeps
 * ({@code steps}) on the same Garnet model of {@link BenchModels}: {@code horizon} keeps no
 * policy, {@code horizonPolicy} keeps the whole non-stationary policy (1 byte per state and
 * step), {@code vi} is {@link ValueIterationSolver} capped at {@code steps} iterations (its
 * stopping rule cannot trigger that early at γ = 0.99). Time per sweep = score / steps.
 *
 * <p>Run: {@code java -jar solver-bench/target/benchmarks.jar HorizonBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class HorizonBenchmark {
    /** Number of states (× 4 actions × 8 successors). */
    @Param({"100000"})
    public int states;

    /** Horizon N (= sweeps). */
    @Param({"50"})
    public int steps;

    private Mdp mdp;
    private SolverOptions viOptions;

    @Setup
    public void setup() {
        mdp = BenchModels.model("garnet", states, 0.99);
        viOptions = SolverOptions.builder().epsilon(1e-300).maxIterations(steps).build();
    }

    @Benchmark
    public HorizonResult horizon() {
        return BackwardInduction.run(mdp, steps, false, SolverOptions.defaults());
    }

    @Benchmark
    public HorizonResult horizonPolicy() {
        return BackwardInduction.run(mdp, steps, true, SolverOptions.defaults());
    }

    @Benchmark
    public Solution vi() {
        return new ValueIterationSolver().solve(mdp, viOptions);
    }
}
