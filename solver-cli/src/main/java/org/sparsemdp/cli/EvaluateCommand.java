package org.sparsemdp.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sparsemdp.evaluate.QValues;
import org.sparsemdp.evaluate.EvaluationWorkspace;
import org.sparsemdp.evaluate.KrylovMethod;
import org.sparsemdp.evaluate.OccupancyMeasure;
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.evaluate.PolicyValues;
import org.sparsemdp.evaluate.Preconditioning;
import org.sparsemdp.io.PolicyCsv;
import org.sparsemdp.io.SolutionCsv;
import org.sparsemdp.io.json.JsonWriter;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Policy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sparsemdp evaluate FILE --policy P.csv}: the values (and optionally the discounted
 * occupancy measure) of a given deterministic or stochastic policy, by a Krylov solve of
 * (I − γP_π) V = r_π with a certified residual bound.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluates a given policy: its values V (and with --occupancy its discounted",
                "occupancy measure), with a bound on their error."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Model file.")
    Path file;

    @Option(names = "--format", paramLabel = "F", defaultValue = "auto", description = "File format (default: auto).")
    String format;

    @Option(names = {"-p", "--policy"}, required = true, paramLabel = "CSV",
            description = {"Policy file: header state,action (deterministic) or state,action,probability",
                    "(stochastic); the --output of solve is accepted too."})
    Path policyFile;

    @Mixin
    ModelOverrides overrides;


    @Option(names = {"-e", "--epsilon"}, paramLabel = "E", defaultValue = "1e-9",
            description = "Requested bound on the error of V (default: ${DEFAULT-VALUE}).")
    double epsilon;

    @Option(names = "--krylov", paramLabel = "M", defaultValue = "bicgstab",
            description = "Krylov method: gmres, bicgstab, cgs, ir (default: ${DEFAULT-VALUE}).")
    String krylov;

    @Option(names = "--preconditioner", paramLabel = "P", defaultValue = "diagonal",
            description = "Preconditioner: none, diagonal, ilu0 (default: ${DEFAULT-VALUE}).")
    String preconditioner;

    @Option(names = {"-o", "--output"}, paramLabel = "CSV",
            description = "Write state,value,action (the policy's most probable action) for every state.")
    Path output;

    @Option(names = "--occupancy", paramLabel = "CSV",
            description = "Also compute the discounted occupancy measure from the initial state(s); write state,occupancy.")
    Path occupancyFile;

    @Option(names = "--q-values", paramLabel = "CSV",
            description = {"Also write the policy's state-action values Q(s,a) = r(s,a) + discount * sum p V, one row per",
                    "choice: state,action,q (within discount * the error bound of the values)."})
    Path qValuesFile;

    @Option(names = "--json", description = "Print one JSON summary object on stdout.")
    boolean json;

    @Option(names = "--show", paramLabel = "N", defaultValue = "20", description = "States shown in the summary (text, or the per-state arrays of --json).")
    int show;

    @Override
    public Integer call() throws Exception {
        Mdp mdp = ModelFiles.load(file, format);
        mdp = overrides.apply(mdp);
        Policy policy = PolicyCsv.read(policyFile, mdp);
        EvaluationWorkspace workspace = PolicyEvaluator.builder().tolerance(epsilon)
                .method(KrylovMethod.parse(krylov)).preconditioning(Preconditioning.parse(preconditioner)).build()
                .workspace(mdp);
        PolicyValues values = workspace.evaluate(policy);
        OccupancyMeasure occupancy = occupancyFile == null ? null : workspace.occupancy(policy);
        int[] shownChoice = mostProbableChoices(mdp, policy);
        Mdp model = mdp;
        if (output != null) {
            AtomicFiles.write(output, out -> SolutionCsv.write(out, model, "value", values.values(), null, null,
                    shownChoice));
        }
        if (occupancy != null) {
            AtomicFiles.write(occupancyFile, out -> writeOccupancy(occupancy.occupancy(), out));
        }
        if (qValuesFile != null) {
            double[] q = QValues.of(model, values.values());
            AtomicFiles.write(qValuesFile, out -> writeQValues(model, q, out));
        }
        PrintWriter out = spec.commandLine().getOut();
        double expected = initialObjective(mdp, values.values());
        if (json) {
            JsonWriter j = Summaries.modelFields(Summaries.beginJson(out), mdp)
                    .field("method", values.method().keyword())
                    .field("krylov", values.method().keyword())
                    .field("preconditioner", values.preconditioning().keyword())
                    .field("status", values.status().name())
                    .field("accuracy", values.accuracy().name())
                    .field("iterations", values.iterations())
                    .field("errorBound", values.errorBound())
                    .field("residual", values.residual())
                    .field("seconds", values.seconds())
                    .field("initialState", mdp.initialState())
                    .field("initialValue", values.value(mdp.initialState()))
                    .field("expectedInitialValue", expected);
            Summaries.stateFields(j, mdp, values.values(), null, null, shownChoice, show);
            if (occupancy != null) {
                j.field("occupancyTotal", occupancy.total())
                        .field("occupancyResidual", occupancy.residual())
                        .field("occupancyErrorBound", occupancy.errorBound());
            }
            Summaries.endJson(j, out);
        } else {
            printSummary(out, mdp, values, occupancy, shownChoice, expected);
        }
        boolean converged = values.converged() && (occupancy == null || occupancy.converged());
        return converged ? 0 : SparseMdpCli.EXIT_NOT_CONVERGED;
    }

    /** Σ ρ0(s) V(s) with ρ0 uniform over the model's initial states. */
    private static double initialObjective(Mdp mdp, double[] v) {
        double[] rho0 = PolicyEvaluator.uniformInitialDistribution(mdp);
        double sum = 0;
        for (int s = 0; s < v.length; s++) {
            sum += rho0[s] * v[s];
        }
        return sum;
    }

    /** Per state the choice with the largest probability under the policy (first on ties), −1 if terminal. */
    private static int[] mostProbableChoices(Mdp mdp, Policy policy) {
        int[] best = new int[mdp.numStates()];
        for (int s = 0; s < mdp.numStates(); s++) {
            best[s] = -1;
            double p = -1;
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                if (policy.probability(c) > p) {
                    p = policy.probability(c);
                    best[s] = c;
                }
            }
        }
        return best;
    }

    private void printSummary(PrintWriter out, Mdp mdp, PolicyValues values, OccupancyMeasure occupancy,
                              int[] shownChoice, double expected) {
        out.printf(java.util.Locale.ROOT, "model    %s: %d states, %d choices, %d transitions, objective %s, discount %s%n",
                file, mdp.numStates(), mdp.numChoices(), mdp.numTransitions(), mdp.objective().keyword(),
                Double.toString(mdp.discount()));
        out.printf(java.util.Locale.ROOT, "solver   %s + %s: %s after %d iterations in %.3f s%n", values.method().keyword(),
                values.preconditioning().keyword(), values.status(), values.iterations(), values.seconds());
        out.printf(java.util.Locale.ROOT, "bound    |V - V_pi| <= %.3e (%s); residual %.3e%n", values.errorBound(),
                values.accuracy().name().toLowerCase(java.util.Locale.ROOT), values.residual());
        out.printf(java.util.Locale.ROOT, "initial  state %d: value %s; expected value from the initial states %s%n",
                mdp.initialState(), Summaries.format(values.value(mdp.initialState())), Summaries.format(expected));
        if (occupancy != null) {
            out.printf(java.util.Locale.ROOT, "occupancy total %s, bound %.3e, written to %s%n",
                    Summaries.format(occupancy.total()), occupancy.errorBound(), occupancyFile);
        }
        int n = Math.min(show, mdp.numStates());
        out.printf(java.util.Locale.ROOT, "%8s  %20s  %s%n", "state", "value", "action");
        for (int s = 0; s < n; s++) {
            out.printf(java.util.Locale.ROOT, "%8d  %20s  %s%n", s, Summaries.format(values.value(s)),
                    shownChoice[s] >= 0 ? mdp.actionLabel(shownChoice[s]) : "(terminal)");
        }
        if (n < mdp.numStates()) {
            out.printf(java.util.Locale.ROOT, "... %d more states (--output FILE writes all)%n", mdp.numStates() - n);
        }
    }

    private static void writeQValues(Mdp mdp, double[] q, java.io.OutputStream os) throws java.io.IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
        w.write("state,action,q\n");
        StringBuilder line = new StringBuilder(64);
        for (int s = 0; s < mdp.numStates(); s++) {
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                line.setLength(0);
                line.append(s).append(',').append(Csv.quote(mdp.actionLabel(c))).append(',').append(q[c]).append('\n');
                w.append(line);
            }
        }
        w.flush();
    }

    private static void writeOccupancy(double[] eta, java.io.OutputStream os) throws java.io.IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
        w.write("state,occupancy\n");
        for (int s = 0; s < eta.length; s++) {
            w.write(s + "," + eta[s] + "\n");
        }
        w.flush();
    }
}
