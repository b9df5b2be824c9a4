package org.sparsemdp.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.sparsemdp.io.SolutionCsv;
import org.sparsemdp.io.json.JsonWriter;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.solve.RunLimits;
import org.sparsemdp.result.Certificate;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.average.AverageResult;
import org.sparsemdp.solve.average.AverageReward;
import org.sparsemdp.solve.horizon.BackwardInduction;
import org.sparsemdp.solve.horizon.HorizonResult;
import picocli.CommandLine.Option;

/**
 * The {@code solve} options for the long-run average reward ({@code --average}) and finite
 * horizons ({@code --horizon N}), a picocli mixin, and the runs they select.
 */
final class AverageHorizonOptions {
    @Option(names = "--average",
            description = "Optimal long-run average reward (gain) per state with a certified bracket, ignoring the"
                    + " discount; --method rvi (relative value iteration, default) or pi (policy iteration);"
                    + " sequential.")
    boolean average;

    @Option(names = "--horizon", paramLabel = "N",
            description = "Optimal expected N-step total reward, discounted by the model's discount, by exact"
                    + " backward induction (sequential); --output writes the non-stationary policy as"
                    + " state,step,value,action.")
    Integer horizon;

    /** Whether {@code --average} or {@code --horizon} was given. */
    boolean active() {
        return average || horizon != null;
    }

    /**
     * Rejects combinations that do not apply.
     *
     * @param otherObjective the name of another objective option given, or null
     */
    void check(String otherObjective) {
        if (average && horizon != null) {
            throw new IllegalArgumentException("--average and --horizon are different objectives: give one");
        }
        if (otherObjective != null) {
            throw new IllegalArgumentException((average ? "--average" : "--horizon") + " cannot be combined with "
                    + otherObjective);
        }
        if (horizon != null && horizon < 0) {
            throw new IllegalArgumentException("--horizon must be a non-negative number of steps, not " + horizon);
        }
    }

    /** The average-reward method for {@code --method}: {@code rvi} unless {@code pi} was asked. */
    static String averageMethod(String method, boolean methodGiven) {
        if (!methodGiven) {
            return AverageReward.RVI;
        }
        if (method.equals(AverageReward.RVI) || method.equals(AverageReward.PI)) {
            return method;
        }
        throw new IllegalArgumentException("--average is solved by --method " + AverageReward.RVI + " (default) or "
                + AverageReward.PI + ", not '" + method + "'");
    }

    /** Runs the selected objective; returns the exit code. */
    int run(String name, Mdp mdp, String method, boolean methodGiven, SolverOptions options, Path output, boolean json,
            int show, PrintWriter out) throws IOException {
        return average ? runAverage(name, mdp, averageMethod(method, methodGiven), options, output, json, show, out)
                : runHorizon(name, mdp, methodGiven, options, output, json, show, out);
    }

    private static int runAverage(String name, Mdp mdp, String method, SolverOptions options, Path output,
                                  boolean json, int show, PrintWriter out) throws IOException {
        AverageResult result = AverageReward.solve(mdp, mdp.rewardArray(), mdp.objective(), options, method);
        Solution solution = result.toSolution();
        if (output != null) {
            AtomicFiles.write(output, os -> SolutionCsv.write(os, mdp, "gain", result.gain(), null, null, result.policy()));
        }
        int init = mdp.initialState();
        if (json) {
            JsonWriter j = Summaries.solutionJson(Summaries.beginJson(out), mdp, solution, show)
                    .field("criterion", "average")
                    .field("gainLower", result.gainLower()[init])
                    .field("gainUpper", result.gainUpper()[init])
                    .field("gainConstant", result.isConstant())
                    .field("endComponents", result.endComponents());
            Summaries.endJson(j, out);
        } else {
            Summaries.printSolution(out, name, mdp, solution, show);
            out.printf(Locale.ROOT, "gain     state %d: [%s, %s] (%s, %d maximal end component%s; values above are gains)%n",
                    init, Summaries.format(result.gainLower()[init]), Summaries.format(result.gainUpper()[init]),
                    result.isConstant() ? "the same in every state" : "per state", result.endComponents(),
                    result.endComponents() == 1 ? "" : "s");
            if (output != null) {
                out.println("gains and policy written to " + output);
            }
        }
        return result.converged() ? 0 : SparseMdpCli.EXIT_NOT_CONVERGED;
    }

    private int runHorizon(String name, Mdp mdp, boolean methodGiven, SolverOptions options, Path output,
                           boolean json, int show, PrintWriter out) throws IOException {
        if (methodGiven) {
            throw new IllegalArgumentException("--horizon is solved by backward induction; --method does not apply");
        }
        int steps = horizon;
        int[] first = new int[mdp.numStates()];
        java.util.Arrays.fill(first, -1); // no decision with 0 steps
        HorizonResult[] result = new HorizonResult[1];
        if (output != null) {
            AtomicFiles.write(output, os -> result[0] = streamPolicy(mdp, steps, options, os, first));
        } else {
            result[0] = BackwardInduction.run(mdp, mdp.rewardArray(), new double[mdp.numStates()], null,
                    mdp.discount(), mdp.objective(), steps, false, RunLimits.of(options),
                    (k, v, choices) -> {
                        if (k == steps) {
                            System.arraycopy(choices, 0, first, 0, choices.length);
                        }
                    });
        }
        HorizonResult r = result[0];
        if (r.steps() < steps) {
            java.util.Arrays.fill(first, -1);
        }
        boolean complete = r.steps() == steps; // a limit leaves the values of fewer steps, with no bound
        Solution solution = Solution.builder().method("backward-induction").status(r.status())
                .certificate(complete ? Certificate.exact(false) : Certificate.none())
                .values(r.values()).policy(first).iterations(r.steps()).residual(complete ? 0 : Double.NaN)
                .seconds(r.seconds()).build();
        if (json) {
            JsonWriter j = Summaries.solutionJson(Summaries.beginJson(out), mdp, solution, show)
                    .field("horizon", steps)
                    .field("steps", r.steps());
            Summaries.endJson(j, out);
        } else {
            Summaries.printSolution(out, name, mdp, solution, show);
            out.printf(Locale.ROOT, "horizon  %d steps (values: optimal %d-step totals; actions: first step)%n",
                    steps, r.steps());
            if (output != null) {
                out.println("non-stationary policy written to " + output + " (state,step,value,action)");
            }
        }
        return r.status() == org.sparsemdp.result.Status.CONVERGED ? 0 : SparseMdpCli.EXIT_NOT_CONVERGED;
    }

    /**
     * Runs backward induction writing {@code state,step,value,action} rows as the steps are
     * computed: step t = N − k is the decision epoch (0 = the first decision), value the optimal
     * total from epoch t to the horizon, action the optimal decision at t. Rows come grouped by
     * epoch from the last (t = N − 1) to the first (t = 0), the order backward induction computes
     * them, so memory does not grow with N.
     */
    private static HorizonResult streamPolicy(Mdp mdp, int steps, SolverOptions options, OutputStream os, int[] first)
            throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
        w.write("state,step,value,action\n");
        StringBuilder line = new StringBuilder(64);
        HorizonResult r;
        try {
            r = BackwardInduction.run(mdp, mdp.rewardArray(), new double[mdp.numStates()], null, mdp.discount(),
                    mdp.objective(), steps, false, RunLimits.of(options), (k, v, choices) -> {
                        int epoch = steps - k;
                        try {
                            for (int s = 0; s < v.length; s++) {
                                line.setLength(0);
                                line.append(s).append(',').append(epoch).append(',').append(v[s]).append(',');
                                if (choices[s] >= 0) {
                                    line.append(Csv.quote(mdp.actionLabel(choices[s])));
                                }
                                line.append('\n');
                                w.append(line);
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        if (k == steps) {
                            System.arraycopy(choices, 0, first, 0, choices.length);
                        }
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        w.flush();
        return r;
    }
}
