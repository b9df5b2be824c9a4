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
import org.sparsemdp.solve.PolicyIterationSolver;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.Solver;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.ValueIterationSolver;

/**
 * Single-shot wall time of one full solve to ε = 1e-6 on random models (4 actions, 4 successors,
 * {@link RandomModels}): the LP path, primal formulation, by GLOP ({@code method=glop}) and PDLP
 * ({@code method=pdlp}) against value iteration ({@code method=vi}) and policy iteration
 * ({@code method=pi}, solver-core's default configuration). A solve is long and must not
 * be amortised, hence single-shot mode; the warm-up shot also pays the one-off loading of
 * OR-Tools' native library.
 *
 * <p>The size parameter is {@code lpStates}, not the suite's shared {@code states}, on purpose:
 * the full profile's sizes (10^4 to 10^7) would start LPs that run for hours (GLOP took 339 s at
 * 10^4 states, PDLP 114 s at 10^5 on an unloaded machine). The default is 10^3; larger runs are
 * explicit, e.g. {@code -p lpStates=10000 -p method=vi,pdlp}.
 *
 * <p>Run: {@code java -jar solver-bench/target/benchmarks.jar LpBenchmark}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class LpBenchmark {
    private static final SolverOptions OPTIONS = SolverOptions.builder().epsilon(1e-6).build();

    /** Number of states of the random model. */
    @Param({"1000"})
    public int lpStates;

    /** Discount factor (the measurements used 0.95). */
    @Param({"0.95"})
    public double gamma;

    /** {@code vi}, {@code pi}, {@code pdlp} or {@code glop}. */
    @Param({"vi", "pi", "pdlp", "glop"})
    public String method;

    private Mdp mdp;
    private Solver solver;

    /** Builds the model (seed 7) and the solver. */
    @Setup(Level.Trial)
    public void build() {
        mdp = RandomModels.random(7, lpStates, 4, 4, gamma);
        switch (method) {
            case "vi":
                solver = new ValueIterationSolver();
                break;
            case "pi":
                solver = new PolicyIterationSolver();
                break;
            case "pdlp":
                solver = new LpSolver(LpSolver.Formulation.PRIMAL,
                        LpSettings.builder().backend(LpBackend.PDLP).build());
                break;
            case "glop":
                solver = new LpSolver(LpSolver.Formulation.PRIMAL,
                        LpSettings.builder().backend(LpBackend.GLOP).build());
                break;
            default:
                throw new IllegalArgumentException("method must be vi, pi, pdlp or glop, not " + method);
        }
    }

    /** One solve. */
    @Benchmark
    public Solution solve() {
        return solver.solve(mdp, OPTIONS);
    }
}
