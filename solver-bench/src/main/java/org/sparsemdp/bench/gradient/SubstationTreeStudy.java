package org.sparsemdp.bench.gradient;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.generate.RadialNetwork;
import org.sparsemdp.generate.SubstationTreeGenerator;
import org.sparsemdp.gradient.GradientOptimizer;
import org.sparsemdp.gradient.GradientResult;
import org.sparsemdp.gradient.PolicyGradient;
import org.sparsemdp.gradient.SearchDirection;
import org.sparsemdp.gradient.TabularSoftmax;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.TopologicalSolver;

/**
 * Substation restoration on radial networks of 20–200 substations (issue 27): the exact best
 * observation-based cost (backward induction on the belief model of
 * {@link SubstationTreeGenerator#generateBeliefModel()}, which is exact because the fault's
 * posterior is the prior restricted to the candidates) against policy gradients on the same model
 * (tabular softmax over its states = over the observations), with wall times. Networks: a main
 * feeder of m substations with b laterals of L substations leaving it at evenly spaced points;
 * distances uniform in {1.0, …, 3.0}, users uniform in 1..100, uniform prior (seed 1). Candidate
 * sets multiply at forks, so the larger networks have few, short laterals (see the class comment
 * of {@link SubstationTreeGenerator}). Prints a Markdown table. Run:
 * {@code java -Xmx3g -cp solver-bench/target/benchmarks.jar org.sparsemdp.bench.gradient.SubstationTreeStudy}.
 */
public final class SubstationTreeStudy {
    private SubstationTreeStudy() {
    }

    /** The feeder's parent list: main line 1..m, then the laterals in turn. */
    static int[] feeder(int m, int b, int length) {
        int n = m + b * length;
        int[] parents = new int[n];
        for (int i = 1; i <= m; i++) {
            parents[i - 1] = i - 1;
        }
        int next = m + 1;
        for (int k = 0; k < b; k++) {
            int at = (k + 1) * m / (b + 1);
            for (int j = 0; j < length; j++, next++) {
                parents[next - 1] = j == 0 ? at : next - 1;
            }
        }
        return parents;
    }

    static SubstationTreeGenerator instance(int m, int b, int length, long seed) {
        int[] parents = feeder(m, b, length);
        int n = parents.length;
        SplittableRandom rng = new SplittableRandom(seed);
        double[] gaps = new double[n];
        double[] users = new double[n];
        for (int i = 0; i < n; i++) {
            gaps[i] = (10 + rng.nextInt(21)) / 10.0;
            users[i] = 1 + rng.nextInt(100);
        }
        double[] q = new double[n];
        Arrays.fill(q, 1.0 / n);
        RadialNetwork net = new RadialNetwork(parents, gaps);
        return new SubstationTreeGenerator(net, users, net.travelTimes(), q, Long.MAX_VALUE);
    }

    public static void main(String[] args) {
        int[][] configs = {{12, 2, 4}, {30, 2, 10}, {40, 2, 5}, {95, 1, 5}, {148, 1, 2}, {200, 0, 0}};
        int maxIterations = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        System.out.println("| network (main + laterals) | N | belief states | choices | build s | exact optimum"
                + " | exact s | uniform random | gradient J (gap) | status, iterations, s | natural gradient J (gap)"
                + " | status, iterations, s |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|");
        for (int[] c : configs) {
            long t0 = System.nanoTime();
            SubstationTreeGenerator g = instance(c[0], c[1], c[2], 1);
            Mdp belief = g.generateBeliefModel();
            double build = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            Solution exact = new TopologicalSolver().solve(belief, SolverOptions.defaults());
            double exactSeconds = (System.nanoTime() - t1) / 1e9;
            double optimum = exact.value(0);
            TabularSoftmax family = TabularSoftmax.perChoice(belief);
            GradientResult plain = GradientOptimizer.builder().maxIterations(maxIterations).build()
                    .optimize(new PolicyGradient(family, PolicyEvaluator.defaults()));
            GradientResult natural = GradientOptimizer.builder().maxIterations(maxIterations)
                    .direction(SearchDirection.NATURAL).build()
                    .optimize(new PolicyGradient(family, PolicyEvaluator.defaults()));
            System.out.printf(Locale.ROOT, "| %d + %d×%d | %d | %d | %d | %.1f | %.3f | %.2f | %.3f | %.3f (%+.2f%%) | %s, %d, %.1f"
                            + " | %.3f (%+.2f%%) | %s, %d, %.1f |%n",
                    c[0], c[1], c[2], g.numSubstations(), belief.numStates(), belief.numChoices(), build, optimum,
                    exactSeconds, plain.initialObjective(), plain.objective(), 100 * (plain.objective() / optimum - 1),
                    plain.status(), plain.iterations(), plain.seconds(), natural.objective(),
                    100 * (natural.objective() / optimum - 1), natural.status(), natural.iterations(),
                    natural.seconds());
        }
    }
}
