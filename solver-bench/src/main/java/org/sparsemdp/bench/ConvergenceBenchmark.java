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
import org.sparsemdp.solve.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.Solvers;

/**
 * Time to solve to ε = 1e-6 (certified, ε-optimal policy) at γ = 0.99, per method, one solve per
 * measurement. The sweep counts of the same runs are printed by {@link ConvergenceReport}.
 *
 * <p>Run: {@code java -jar solver-bench/target/benchmarks.jar ConvergenceBenchmark -f 1 -wi 1 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class ConvergenceBenchmark {
    @Param({"vi", "gs", "sor", "topological"})
    public String method;

    @Param({"garnet", "banded"})
    public String model;

    @Param({"100000"})
    public int states;

    private Mdp mdp;
    private SolverOptions options;

    @Setup(Level.Trial)
    public void setUp() {
        mdp = BenchModels.model(model, states, 0.99);
        options = SolverOptions.builder().epsilon(1e-6).build();
    }

    @Benchmark
    public Solution solve() {
        return Solvers.byName(method).solve(mdp, options);
    }
}
