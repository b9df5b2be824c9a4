package org.sparsemdp.bench;

import java.util.SplittableRandom;
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
import org.sparsemdp.bilevel.BilevelInstance;
import org.sparsemdp.bilevel.BilevelOptions;
import org.sparsemdp.bilevel.BilevelResult;
import org.sparsemdp.bilevel.CuttingPlaneSolver;
import org.sparsemdp.bilevel.SingleLevelMilp;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * Single-shot wall time of one bilevel solve (gap 1e-6) on random instances: a maximising follower
 * ({@link RandomModels} with 4 actions, 4 successors, γ = 0.95, rewards in [0, 10]), a leader with
 * 4 binary variables, costs in [0, 3], Σ x ≤ 2, half of the choices reduced by d ∈ [0, 4]^4 (one
 * nonzero entry), f(v) = the mean of v. The single-level MILP against the cutting-plane method.
 *
 * <p>Measured on 2026-11-22 on the shared 2-core machine under a load average of about 20 (so the
 * absolute numbers are inflated several times; the ratios are the point), mean of 3 shots:
 * cuts 0.54 s (50 states), 0.80 s (200), 3.5 s (10^4), 74 s (10^5, 1.6·10^6 transitions);
 * milp 3.0 s (50 states), 24.6 s (200). The MILP grows with the follower (one column per state,
 * ~2 per reduced choice and bit, 4 rows per bit) while each cut costs one follower solve.
 *
 * <p>Run: {@code java -jar solver-bench/target/benchmarks.jar BilevelBenchmark}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class BilevelBenchmark {
    private static final BilevelOptions OPTIONS = BilevelOptions.defaults();

    static BilevelInstance instance(int states) {
        Mdp mdp = RandomModels.random(11, states, 4, 4, 0.95).withObjective(Objective.MAXIMIZE);
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 4;
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = 3 * rnd.nextDouble();
        }
        BilevelInstance.Builder b = BilevelInstance.builder(mdp, n).cost(c).lessOrEqual(new double[] {1, 1, 1, 1}, 2);
        for (int ch = 0; ch < mdp.numChoices(); ch++) {
            if (rnd.nextBoolean()) {
                double[] d = new double[n];
                d[rnd.nextInt(n)] = 4 * rnd.nextDouble();
                b.reduction(ch, d);
            }
        }
        double[] w = new double[states];
        java.util.Arrays.fill(w, 1.0 / states);
        return b.weights(w).build();
    }

    /** Instances small enough for the MILP. */
    @State(Scope.Benchmark)
    public static class Small {
        @Param({"50", "200"})
        public int milpStates;
        BilevelInstance instance;

        @Setup(Level.Trial)
        public void build() {
            instance = instance(milpStates);
        }
    }

    /** Instances for the cutting-plane method. */
    @State(Scope.Benchmark)
    public static class Large {
        @Param({"50", "200", "10000"})
        public int states;
        BilevelInstance instance;

        @Setup(Level.Trial)
        public void build() {
            instance = instance(states);
        }
    }

    /** Single-level MILP (SCIP). */
    @Benchmark
    public BilevelResult milp(Small s) {
        return SingleLevelMilp.solve(s.instance, OPTIONS);
    }

    /** Kelley cutting planes with the pi oracle. */
    @Benchmark
    public BilevelResult cuts(Large s) {
        return CuttingPlaneSolver.solve(s.instance, OPTIONS);
    }
}
