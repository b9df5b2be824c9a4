package org.sparsemdp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparsemdp.io.PolicyCsv;
import org.sparsemdp.io.json.JsonWriter;
import org.sparsemdp.lp.ConstrainedMdpSolver;
import org.sparsemdp.lp.ConstrainedResult;
import org.sparsemdp.lp.CostConstraint;
import org.sparsemdp.lp.CostConstraintReader;
import org.sparsemdp.lp.LpBackend;
import org.sparsemdp.lp.LpSettings;
import org.sparsemdp.lp.LpSolvers;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.StochasticPolicy;
import org.sparsemdp.solve.Solver;
import org.sparsemdp.solve.SolverOptions;
import picocli.CommandLine.Option;

/**
 * The options of {@code solve} for the linear-programming methods ({@code lp}, {@code lp-dual},
 * module solver-lp): the backend, and budget constraints on extra discounted costs (constrained
 * MDPs, solved in the dual; the optimal policy may be randomised).
 */
final class LpOptions {
    @Option(names = "--lp-backend", paramLabel = "auto|glop|pdlp", defaultValue = "auto",
            description = "LP backend for --method lp|lp-dual: GLOP (simplex) for small models, PDLP (first-order)"
                    + " for large ones; default: auto by size.")
    String backend;

    @Option(names = "--constraint", paramLabel = "COSTS.csv:BUDGET",
            description = {"With --method lp or lp-dual: a budget on the expected discounted total of extra costs",
                    "(CSV state,action,cost; unlisted choices cost 0). Repeatable."})
    List<String> constraints = new ArrayList<>();

    /** Whether {@code method} is one of the LP methods. */
    static boolean isLp(String method) {
        return LpSolvers.names().contains(method);
    }

    /** The LP solver named {@code method} with the chosen backend. */
    Solver solver(String method) {
        return LpSolvers.byName(method, settings());
    }

    boolean constrained() {
        return !constraints.isEmpty();
    }

    /**
     * Solves the constrained MDP, prints its summary (text or JSON) and writes the randomised
     * policy to {@code output} (state,action,probability) if given.
     *
     * @return the exit code
     */
    int solveConstrained(Mdp mdp, String method, SolverOptions options, Path output, boolean json, PrintWriter out)
            throws IOException {
        if (!isLp(method)) {
            throw new IllegalArgumentException("--constraint needs --method lp or lp-dual, not '" + method + "'");
        }
        List<CostConstraint> list = new ArrayList<>();
        for (String spec : constraints) {
            list.add(CostConstraintReader.read(CostConstraintReader.parseSpec(spec), mdp));
        }
        ConstrainedResult result = new ConstrainedMdpSolver(settings()).solve(mdp, list, options);
        if (output != null && result.feasible()) {
            StochasticPolicy policy = StochasticPolicy.of(mdp, result.occupancy().policy());
            AtomicFiles.write(output, o -> {
                java.io.Writer w = new java.io.OutputStreamWriter(o, java.nio.charset.StandardCharsets.UTF_8);
                PolicyCsv.write(w, mdp, policy);
                w.flush();
            });
        }
        if (json) {
            JsonWriter j = Summaries.modelFields(Summaries.beginJson(out), mdp)
                    .field("method", method)
                    .field("status", result.status().name())
                    .field("lpStatus", result.lpStatus().name())
                    .field("feasible", result.feasible())
                    .field("objectiveValue", result.objective())
                    .field("evaluatedObjectiveValue", result.evaluatedObjective())
                    .field("evaluationBound", result.evaluationBound());
            j.name("usage").array(result.usage(), 0, result.usage().length);
            Summaries.endJson(j, out);
        } else {
            out.printf(Locale.ROOT, "constrained MDP (%d constraints), %s: LP status %s%n", list.size(), method,
                    result.lpStatus());
            if (result.feasible()) {
                out.printf(Locale.ROOT, "objective %s (evaluated %s, bound %.3e)%n", Summaries.format(result.objective()),
                        Summaries.format(result.evaluatedObjective()), result.evaluationBound());
                for (int k = 0; k < list.size(); k++) {
                    out.printf(Locale.ROOT, "constraint %d: usage %s (evaluated %s) of budget %s%n", k + 1,
                            Summaries.format(result.usage()[k]), Summaries.format(result.evaluatedUsage()[k]),
                            Summaries.format(list.get(k).budget()));
                }
                if (output != null) {
                    out.println("randomised policy written to " + output);
                }
            } else {
                out.println("no policy meets every budget");
            }
        }
        return result.feasible() && result.status() == org.sparsemdp.result.Status.CONVERGED ? 0
                : SparseMdpCli.EXIT_NOT_CONVERGED;
    }

    private LpSettings settings() {
        LpSettings.Builder b = LpSettings.builder();
        switch (backend.toLowerCase(Locale.ROOT)) {
            case "auto":
                break;
            case "glop":
                b.backend(LpBackend.GLOP);
                break;
            case "pdlp":
                b.backend(LpBackend.PDLP);
                break;
            default:
                throw new IllegalArgumentException("--lp-backend must be auto, glop or pdlp, not '" + backend + "'");
        }
        return b.build();
    }
}
