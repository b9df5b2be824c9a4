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
import org.sparsemdp.gradient.GradientOptimizer;
import org.sparsemdp.gradient.GradientResult;
import org.sparsemdp.gradient.PolicyGradient;
import org.sparsemdp.gradient.TabularSoftmax;
import org.sparsemdp.model.Mdp;

/**
 * Exact policy gradients on substation-restoration models ({@link SubstationRestorationGenerator#random},
 * seed 1) of growing size, observation-shared tabular softmax; V and η either by exact topological
 * passes (the model is acyclic) or by the default Krylov evaluator (BiCGstab + ILU(0), tolerance 1e-8):
 * <ul>
 *   <li>{@link #gradient}: one J and ∇J evaluation (value solve, the γ = 1 bound solve and
 *       termination check, occupancy solve), alternating between two parameter vectors so that
 *       nothing is cached;</li>
 *   <li>{@link #optimize}: a whole default {@link GradientOptimizer} run from the uniform policy
 *       (its iteration count is in the study table of {@link SubstationStudy}).</li>
 * </ul>
 * Run: {@code java -jar solver-bench/target/benchmarks.jar PolicyGradientBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PolicyGradientBenchmark {
    @Param({"8", "12", "16", "19"})
    public int substations;

    /** {@code topological}: exact passes over the acyclic model; {@code krylov}: the MTJ evaluator. */
    @Param({"topological", "krylov"})
    public String evaluation;

    private Mdp mdp;
    private TabularSoftmax family;
    private PolicyGradient pg;
    private double[][] thetas;
    private double[] grad;
    private int flip;

    @Setup(Level.Trial)
    public void setUp() {
        SubstationRestorationGenerator g = SubstationRestorationGenerator.random(substations, 1);
        mdp = g.generate();
        family = TabularSoftmax.overObservations(mdp, g.observations());
        pg = newGradient();
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

    @Benchmark
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 2, time = 1)
    public GradientResult optimize() {
        return GradientOptimizer.defaults().optimize(newGradient());
    }

    private PolicyGradient newGradient() {
        return new PolicyGradient(family, PolicyEvaluator.defaults(),
                PolicyEvaluator.uniformInitialDistribution(mdp), evaluation.equals("topological"));
    }
}
