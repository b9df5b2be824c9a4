package org.sparsemdp.bench.gradient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.generate.SubstationRestorationGenerator;
import org.sparsemdp.gradient.GradientOptimizer;
import org.sparsemdp.gradient.GradientResult;
import org.sparsemdp.gradient.PolicyGradient;
import org.sparsemdp.gradient.SearchDirection;
import org.sparsemdp.gradient.TabularSoftmax;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.solve.BackwardInductionSolver;
import org.sparsemdp.solve.SolverOptions;

/**
 * The substation-restoration study (issue 9): for several instances, the expected cost of the
 * uniform random policy, of the optimised observation-based softmax policy, of its most likely
 * deterministic rounding, the best observation-based policy (exact dynamic programming over the
 * observations with the fault's posterior, which is the prior restricted to the open interval),
 * and the full-information lower bound (backward induction on the MDP, which sees the fault).
 * Prints a Markdown table on stdout. Run:
 * {@code java -cp solver-bench/target/benchmarks.jar org.sparsemdp.bench.gradient.SubstationStudy}.
 */
public final class SubstationStudy {
    private SubstationStudy() {
    }

    record Instance(String name, SubstationRestorationGenerator generator) {
    }

    /**
     * The generator's random line instance ({@link SubstationRestorationGenerator#random}: same
     * draws), with a fixed switching time {@code overhead} added to every trip (d(i, j) =
     * |x<sub>i</sub> − x<sub>j</sub>| + overhead for i ≠ j). With overhead 0 this is exactly the
     * generator's instance.
     */
    static SubstationRestorationGenerator line(int n, long seed, double overhead) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        double[] x = new double[n + 1];
        double[] u = new double[n];
        for (int i = 1; i <= n; i++) {
            x[i] = x[i - 1] + (10 + rng.nextInt(21)) / 10.0;
            u[i - 1] = 1 + rng.nextInt(100);
        }
        double[][] d = new double[n + 1][n + 1];
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                d[i][j] = Math.abs(x[i] - x[j]) + (i == j ? 0 : overhead);
            }
        }
        double[] q = new double[n];
        Arrays.fill(q, 1.0 / n);
        return new SubstationRestorationGenerator(u, d, q);
    }

    static List<Instance> instances() {
        List<Instance> all = new ArrayList<>();
        for (int n : new int[] {5, 8, 10, 12, 15, 19}) {
            all.add(new Instance("line N=" + n + " seed 1", line(n, 1, 0)));
        }
        for (int n : new int[] {8, 12}) {
            all.add(new Instance("line N=" + n + " seed 2", line(n, 2, 0)));
        }
        for (int n : new int[] {5, 8, 10, 12, 15, 19}) {
            all.add(new Instance("line N=" + n + " seed 1 + switching 5", line(n, 1, 5)));
        }
        for (int n : new int[] {8, 12}) {
            double[] x = new double[n + 1];
            double[] u = new double[n];
            for (int i = 0; i <= n; i++) {
                x[i] = i;
            }
            Arrays.fill(u, 1);
            all.add(new Instance("even N=" + n + " (unit gaps, 1 user each)", SubstationRestorationGenerator.onLine(x, u)));
        }
        {
            int n = 10;
            double[] x = new double[n + 1];
            double[] u = new double[n];
            for (int i = 1; i <= n; i++) {
                x[i] = i <= 5 ? i * 0.5 : 2.5 + (i - 5) * 3.0; // near cluster, then far substations
                u[i - 1] = i == 8 ? 500 : 10;                   // one large customer far away
            }
            all.add(new Instance("clustered N=10, big user at 8", SubstationRestorationGenerator.onLine(x, u)));
        }
        return all;
    }

    public static void main(String[] args) {
        PolicyEvaluator evaluator = PolicyEvaluator.defaults();
        System.out.println("| instance | states | random | optimised softmax (gradient) | rounded | iterations, status,"
                + " seconds | optimised softmax (natural gradient) | rounded | iterations, status, seconds"
                + " | best observation-based | full-information bound |");
        System.out.println("|---|---:|---:|---:|---:|---|---:|---:|---|---:|---:|");
        for (Instance inst : instances()) {
            SubstationRestorationGenerator g = inst.generator();
            Mdp mdp = g.generate();
            int start = g.startState();
            TabularSoftmax family = TabularSoftmax.overObservations(mdp, g.observations());
            GradientResult r = GradientOptimizer.defaults().optimize(new PolicyGradient(family, evaluator));
            double rounded = evaluator.evaluate(mdp, family.mostLikely(r.theta())).value(start);
            GradientResult nat = GradientOptimizer.builder().direction(SearchDirection.NATURAL).build()
                    .optimize(new PolicyGradient(family, evaluator));
            double natRounded = evaluator.evaluate(mdp, family.mostLikely(nat.theta())).value(start);
            double bound = new BackwardInductionSolver().solve(mdp, SolverOptions.defaults()).value(start);
            double best = ObservationOptimum.of(g, mdp);
            System.out.printf(Locale.ROOT,
                    "| %s | %d | %.3f | %.3f | %.3f | %d, %s, %.2f | %.3f | %.3f | %d, %s, %.2f | %.3f | %.3f |%n",
                    inst.name(), mdp.numStates(), r.initialObjective(), r.objective(), rounded, r.iterations(),
                    r.status(), r.seconds(), nat.objective(), natRounded, nat.iterations(), nat.status(), nat.seconds(),
                    best, bound);
        }
    }
}
