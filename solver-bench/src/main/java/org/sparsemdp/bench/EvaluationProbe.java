package org.sparsemdp.bench;

import org.sparsemdp.evaluate.EvaluationWorkspace;
import org.sparsemdp.evaluate.KrylovMethod;
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.evaluate.PolicyValues;
import org.sparsemdp.evaluate.Preconditioning;
import org.sparsemdp.model.DeterministicPolicy;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.StochasticPolicy;

/**
 * A quick, non-JMH probe of one policy evaluation per Krylov method and preconditioner on the
 * benchmark's random model (for choosing defaults; JMH numbers come from
 * {@link PolicyIterationBenchmark}). Arguments: states gamma.
 */
public final class EvaluationProbe {
    private EvaluationProbe() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        double gamma = Double.parseDouble(args[1]);
        Mdp mdp = PolicyIterationBenchmark.randomModel(n, 4, 8, gamma, 42);
        for (int rep = 0; rep < 2; rep++) {
            for (KrylovMethod m : KrylovMethod.values()) {
                for (Preconditioning p : Preconditioning.values()) {
                    EvaluationWorkspace ws = PolicyEvaluator.builder().method(m).preconditioning(p).tolerance(1e-8)
                            .build().workspace(mdp);
                    long t0 = System.nanoTime();
                    PolicyValues d = ws.evaluate(DeterministicPolicy.firstChoices(mdp));
                    long t1 = System.nanoTime();
                    PolicyValues s = ws.evaluate(StochasticPolicy.uniform(mdp));
                    long t2 = System.nanoTime();
                    System.out.printf("%-9s %-9s det %7.1f ms (%5d it, %s)  stoch %7.1f ms (%5d it, %s)%n",
                            m.keyword(), p.keyword(), (t1 - t0) / 1e6, d.iterations(), d.method().keyword(),
                            (t2 - t1) / 1e6, s.iterations(), s.method().keyword());
                }
            }
        }
    }
}
