package org.sparsemdp.bench;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.Solvers;

/**
 * Prints, per method, the sweeps and the wall time of solving the {@link ConvergenceBenchmark}
 * models to ε = 1e-6 at γ = 0.99 (sweep counts are deterministic; use the JMH benchmark for
 * times). Usage: {@code java -cp solver-bench/target/benchmarks.jar
 * org.sparsemdp.bench.ConvergenceReport [states]}.
 */
public final class ConvergenceReport {
    private ConvergenceReport() {
    }

    public static void main(String[] args) {
        int states = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        SolverOptions options = SolverOptions.builder().epsilon(1e-6).build();
        for (String kind : new String[] {"garnet", "banded"}) {
            Mdp mdp = BenchModels.model(kind, states, 0.99);
            for (String method : new String[] {"vi", "gs", "sor", "topological"}) {
                Solution s = Solvers.byName(method).solve(mdp, options);
                System.out.printf("%-7s %-11s sweeps %6d  seconds %7.3f  errorBound %.2e  policyBound %.2e  %s%n",
                        kind, method, s.iterations(), s.seconds(), s.errorBound(), s.policyBound(), s.status());
            }
        }
    }
}
