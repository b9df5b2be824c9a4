package org.sparsemdp.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.solve.Solution;

/** Text and JSON summaries of models and solutions. */
final class Summaries {
    private Summaries() {
    }

    static Json modelJson(Mdp mdp) {
        return new Json()
                .put("states", mdp.numStates())
                .put("choices", mdp.numChoices())
                .put("transitions", mdp.numTransitions())
                .put("objective", mdp.objective().keyword())
                .put("discount", mdp.discount());
    }

    static Json solutionJson(Mdp mdp, Solution solution) {
        int init = mdp.initialState();
        return modelJson(mdp)
                .put("method", solution.method())
                .put("status", solution.status().name())
                .put("iterations", solution.iterations())
                .put("errorBound", solution.errorBound())
                .put("accuracy", solution.accuracy().name())
                .put("policyBound", solution.policyBound())
                .put("residual", solution.residual())
                .put("seconds", solution.seconds())
                .put("initialState", init)
                .put("initialValue", solution.value(init));
    }

    static void printSolution(PrintWriter out, String name, Mdp mdp, Solution sol, int show) {
        out.printf(Locale.ROOT, "model    %s: %d states, %d choices, %d transitions, objective %s, discount %s%n", name,
                mdp.numStates(), mdp.numChoices(), mdp.numTransitions(), mdp.objective().keyword(),
                Double.toString(mdp.discount()));
        out.printf(Locale.ROOT, "method   %s: %s after %d iterations in %.3f s%n", sol.method(), sol.status(),
                sol.iterations(), sol.seconds());
        out.printf(Locale.ROOT, "bound    |v - v*| <= %.3e (%s)", sol.errorBound(),
                sol.accuracy().name().toLowerCase(Locale.ROOT));
        if (!Double.isNaN(sol.policyBound())) {
            out.printf(Locale.ROOT, "; policy within %.3e of optimal", sol.policyBound());
        }
        out.println();
        int init = mdp.initialState();
        out.printf(Locale.ROOT, "initial  state %d: value %s%n", init, format(sol.value(init)));
        int n = Math.min(show, mdp.numStates());
        if (n > 0) {
            out.printf(Locale.ROOT, "%8s  %20s  %s%n", "state", "value", "action");
            for (int s = 0; s < n; s++) {
                int c = sol.policy()[s];
                out.printf(Locale.ROOT, "%8d  %20s  %s%n", s, format(sol.value(s)),
                        c >= 0 ? mdp.actionLabel(c) : "(terminal)");
            }
            if (n < mdp.numStates()) {
                out.printf(Locale.ROOT, "... %d more states (--output FILE writes all)%n", mdp.numStates() - n);
            }
        }
    }

    static String format(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return String.format(Locale.ROOT, "%.10g", v);
    }
}
