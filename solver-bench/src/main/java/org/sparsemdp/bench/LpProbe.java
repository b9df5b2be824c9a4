package org.sparsemdp.bench;

import java.util.Locale;
import org.sparsemdp.lp.LpBackend;
import org.sparsemdp.lp.LpResult;
import org.sparsemdp.lp.LpSettings;
import org.sparsemdp.lp.LpSolver;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.ValueIterationSolver;

/**
 * Prints, for one {@link LpBenchmark} model, the quality of an LP answer next to value
 * iteration's: status, certified bound, LP diagnostics and the largest difference between the two
 * value vectors. A command-line tool (it prints), complementing the timings of the benchmark.
 *
 * <p>Usage: {@code java -cp solver-bench/target/benchmarks.jar org.sparsemdp.bench.LpProbe
 * STATES glop|pdlp primal|dual [EPSILON]}.
 */
public final class LpProbe {
    private LpProbe() {
    }

    /** Entry point; see the class comment for the arguments. */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: LpProbe STATES glop|pdlp primal|dual [EPSILON]");
            System.exit(2);
        }
        int states = Integer.parseInt(args[0]);
        LpBackend backend = LpBackend.valueOf(args[1].toUpperCase(Locale.ROOT));
        LpSolver.Formulation formulation = LpSolver.Formulation.valueOf(args[2].toUpperCase(Locale.ROOT));
        double eps = args.length > 3 ? Double.parseDouble(args[3]) : 1e-6;
        Mdp mdp = RandomModels.random(7, states, 4, 4, 0.95);
        SolverOptions options = SolverOptions.builder().epsilon(eps).build();
        Solution vi = new ValueIterationSolver().solve(mdp, options);
        LpResult lp = new LpSolver(formulation, LpSettings.builder().backend(backend).build())
                .solveDetailed(mdp, options);
        double diff = 0;
        for (int s = 0; s < states; s++) {
            diff = Math.max(diff, Math.abs(vi.value(s) - lp.solution().value(s)));
        }
        System.out.printf(Locale.ROOT, "%s%n  %s%n  vi: %s%n  max |v_lp - v_vi| = %.3e (sum of bounds %.3e)%n",
                lp.solution(), lp.diagnostics().summary(), vi, diff, vi.errorBound() + lp.solution().errorBound());
    }
}
