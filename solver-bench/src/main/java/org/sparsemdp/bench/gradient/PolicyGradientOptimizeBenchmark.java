package org.sparsemdp.bench.gradient;

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
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.generate.SubstationRestorationGenerator;
import org.sparsemdp.gradient.GradientOptimizer;
import org.sparsemdp.gradient.GradientResult;
import org.sparsemdp.gradient.PolicyGradient;
import org.sparsemdp.gradient.SearchDirection;
import org.sparsemdp.gradient.TabularSoftmax;
import org.sparsemdp.model.Mdp;

/**
 * Time to converge: a whole default {@link GradientOptimizer} run from the uniform policy on
 * substation-restoration models ({@link SubstationRestorationGenerator#random}, seed 1),
 * observation-shared tabular softmax, exact topological evaluation, plain or natural gradient
 * ({@code direction}). Single-shot (each run is long and must not be amortised), with the accepted
 * steps as the auxiliary counter {@code iterations} and the policy evaluations as
 * {@code evaluations}. Run: {@code java -jar solver-bench/target/benchmarks.jar PolicyGradientOptimizeBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class PolicyGradientOptimizeBenchmark {
    @Param({"8", "19"})
    public int substations;

    @Param({"gradient", "natural"})
    public String direction;

    private TabularSoftmax family;
    private GradientOptimizer optimizer;

    /** Steps and evaluations of the last run. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counters {
        public long iterations;
        public long evaluations;
    }

    @Setup(Level.Trial)
    public void setUp() {
        SubstationRestorationGenerator g = SubstationRestorationGenerator.random(substations, 1);
        Mdp mdp = g.generate();
        family = TabularSoftmax.overObservations(mdp, g.observations());
        optimizer = GradientOptimizer.builder()
                .direction(direction.equals("natural") ? SearchDirection.NATURAL : SearchDirection.GRADIENT).build();
    }

    @Benchmark
    public GradientResult optimize(Counters counters) {
        GradientResult r = optimizer.optimize(new PolicyGradient(family, PolicyEvaluator.defaults()));
        counters.iterations += r.iterations();
        counters.evaluations += r.evaluations();
        return r;
    }
}
