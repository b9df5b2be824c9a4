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
import org.openjdk.jmh.annotations.Warmup;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Status;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.Solver;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.Solvers;

/**
 * Time to a certified ε = 1e-6 (sup-norm error of the values, ε-optimal policy) of each solver of
 * the {@link Solvers} registry in its default configuration, on the benchmark models of
 * {@link BenchModels} (Garnet: 4 actions, 8 random successors) with discount {@code gamma}, with
 * {@code threads} solver threads ({@code vi}, {@code gs} and {@code sor} use them; the others
 * ignore them). A solve that does not converge fails the benchmark.
 *
 * <p>Each measurement iteration lasts 1 ms, so it runs exactly one solve (every solve is longer)
 * and the average time is the time of one solve, not amortised; unlike {@code Mode.SingleShotTime}
 * this mode keeps JMH's auxiliary counters. The {@code iterations} counter adds
 * {@link Solution#iterations()} (sweeps for vi, gs, sor and topological; improvement steps for pi
 * and mpi) per solve, so JMH reports it as time per iteration; the report derives iterations per
 * solve as the ratio of the two scores.
 *
 * <p>The undiscounted {@code ii} (γ = 1 only) is not run; the LP path is in {@link LpBenchmark}
 * (small models). Run: {@code java -jar solver-bench/target/benchmarks.jar ConvergenceBenchmark
 * -p states=10000,100000 -p gamma=0.9,0.99,0.999}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class ConvergenceBenchmark {
    /** A solver name of {@link Solvers} (discounted methods). */
    @Param({"vi", "gs", "sor", "topological", "pi", "mpi"})
    public String method;

    /** {@code garnet} (random successors) or {@code banded} (successors within ±32). */
    @Param({"garnet"})
    public String model;

    /** Number of states (× 4 actions × 8 successors transitions). */
    @Param({"10000", "100000"})
    public int states;

    /** Discount factor. */
    @Param({"0.99"})
    public double gamma;

    /** Solver threads ({@link SolverOptions#threads()}). */
    @Param({"1"})
    public int threads;

    private Mdp mdp;
    private Solver solver;
    private SolverOptions options;

    /** The solver's iterations per solve (a JMH auxiliary counter, reported per unit of time). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Work {
        /** {@link Solution#iterations()}, summed over the solves of an iteration. */
        public long iterations;

        /** Reset at each iteration, as JMH requires for auxiliary counters. */
        @Setup(Level.Iteration)
        public void reset() {
            iterations = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        mdp = BenchModels.model(model, states, gamma);
        solver = Solvers.byName(method);
        options = SolverOptions.builder().epsilon(1e-6).threads(threads).build();
    }

    /** One full solve to ε. */
    @Benchmark
    public Solution solve(Work work) {
        Solution s = solver.solve(mdp, options);
        if (s.status() != Status.CONVERGED) {
            throw new IllegalStateException(method + " did not converge: " + s);
        }
        work.iterations += s.iterations();
        return s;
    }
}
