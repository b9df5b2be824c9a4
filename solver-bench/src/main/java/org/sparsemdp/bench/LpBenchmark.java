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
import org.sparsemdp.lp.LpBackend;
import org.sparsemdp.lp.LpSettings;
import org.sparsemdp.lp.LpSolver;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.solve.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.ValueIterationSolver;

/**
 * Single-shot wall time of one full solve to ε = 1e-6 on random models (4 actions, 4 successors,
 * γ = 0.95): the LP path (GLOP, PDLP; primal formulation) against value iteration. A solve is
 * long and not repeated in a loop, hence single-shot mode; the first (warm-up) shot also pays
 * the one-off loading of OR-Tools' native library.
 *
 * <p>GLOP has its own state with smaller sizes: it took 339 s at 10^4 states on this shape.
 * 10^5 states is available with {@code -p states=100000} (PDLP took about 2 minutes there).
 *
 * <p>TODO(policy iteration): add the policy-iteration solver as a fourth method once it is merged.
 *
 * <p>Run: {@code java -jar solver-bench/target/benchmarks.jar LpBenchmark}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class LpBenchmark {
    private static final double GAMMA = 0.95;
    private static final SolverOptions OPTIONS = SolverOptions.builder().epsilon(1e-6).build();

    /** Models for value iteration and PDLP. */
    @State(Scope.Benchmark)
    public static class Large {
        @Param({"1000", "10000"})
        public int states;
        Mdp mdp;

        @Setup(Level.Trial)
        public void build() {
            mdp = RandomModels.random(7, states, 4, 4, GAMMA);
        }
    }

    /** Models small enough for GLOP. */
    @State(Scope.Benchmark)
    public static class Small {
        @Param({"1000", "2000"})
        public int glopStates;
        Mdp mdp;

        @Setup(Level.Trial)
        public void build() {
            mdp = RandomModels.random(7, glopStates, 4, 4, GAMMA);
        }
    }

    /** Jacobi value iteration with span bounds. */
    @Benchmark
    public Solution valueIteration(Large m) {
        return new ValueIterationSolver().solve(m.mdp, OPTIONS);
    }

    /** Primal LP by PDLP. */
    @Benchmark
    public Solution pdlp(Large m) {
        return new LpSolver(LpSolver.Formulation.PRIMAL, LpSettings.builder().backend(LpBackend.PDLP).build())
                .solve(m.mdp, OPTIONS);
    }

    /** Primal LP by GLOP. */
    @Benchmark
    public Solution glop(Small m) {
        return new LpSolver(LpSolver.Formulation.PRIMAL, LpSettings.builder().backend(LpBackend.GLOP).build())
                .solve(m.mdp, OPTIONS);
    }
}
