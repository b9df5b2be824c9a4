package org.sparsemdp.bench.gradient;

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
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.generate.SubstationRestorationGenerator;
import org.sparsemdp.gradient.PolicyGradient;
import org.sparsemdp.gradient.TabularSoftmax;
import org.sparsemdp.model.Mdp;

/**
 * Time of one exact J and ∇J evaluation on substation-restoration models
 * ({@link SubstationRestorationGenerator#random}, seed 1; N = 8, 12, 16, 19 substations are 164,
 * 564, 1,348 and 2,265 states), observation-shared tabular softmax. V and η either by exact
 * topological passes (the model is acyclic; the default of {@link PolicyGradient}) or by the
 * default Krylov evaluator ({@code krylov}: value solve, the γ = 1 termination check and bound
 * solve, occupancy solve). Alternates between two random parameter vectors so that nothing is
 * cached. The size parameter is {@code substations}, not {@code states}: the state count follows
 * from it. Run: {@code java -jar solver-bench/target/benchmarks.jar PolicyGradientBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class PolicyGradientBenchmark {
    @Param({"8", "12", "16", "19"})
    public int substations;

    /** {@code topological}: exact passes over the acyclic model; {@code krylov}: the MTJ evaluator. */
    @Param({"topological", "krylov"})
    public String evaluation;

    private PolicyGradient pg;
    private double[][] thetas;
    private double[] grad;
    private int flip;

    @Setup(Level.Trial)
    public void setUp() {
        SubstationRestorationGenerator g = SubstationRestorationGenerator.random(substations, 1);
        Mdp mdp = g.generate();
        TabularSoftmax family = TabularSoftmax.overObservations(mdp, g.observations());
        pg = new PolicyGradient(family, PolicyEvaluator.defaults(), PolicyEvaluator.uniformInitialDistribution(mdp),
                evaluation.equals("topological"));
        SplittableRandom rnd = new SplittableRandom(substations);
        thetas = new double[2][family.numParameters()];
        for (double[] t : thetas) {
            for (int i = 0; i < t.length; i++) {
                t[i] = rnd.nextDouble() - 0.5;
            }
        }
        grad = new double[family.numParameters()];
    }

    @Benchmark
    public double gradient() {
        flip ^= 1;
        return pg.objectiveAndGradient(thetas[flip], grad) + grad[0];
    }
}
