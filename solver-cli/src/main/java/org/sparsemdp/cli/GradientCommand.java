package org.sparsemdp.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.gradient.ActionSwitch;
import org.sparsemdp.gradient.GradientListener;
import org.sparsemdp.gradient.GradientOptimizer;
import org.sparsemdp.gradient.GradientResult;
import org.sparsemdp.gradient.LinearSoftmax;
import org.sparsemdp.gradient.PolicyGradient;
import org.sparsemdp.gradient.SearchDirection;
import org.sparsemdp.gradient.SoftmaxPolicy;
import org.sparsemdp.gradient.TabularSoftmax;
import org.sparsemdp.io.FeatureCsv;
import org.sparsemdp.io.ObservationCsv;
import org.sparsemdp.io.PolicyCsv;
import org.sparsemdp.io.json.JsonWriter;
import org.sparsemdp.model.Mdp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sparsemdp gradient FILE}: optimises a softmax policy by exact policy gradients
 * ({@link GradientOptimizer}), from the uniform random policy (θ = 0).
 */
@Command(name = "gradient", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Optimises a softmax policy of the MDP in FILE by exact policy gradients (gradient descent",
                "with Armijo backtracking, or natural gradient with --natural), starting from the uniform random policy. The policy is tabular (one",
                "parameter per choice) unless --observations (states with one observation share parameters, matched",
                "by action label) or --features (linear in the given features) is given. The objective is",
                "J = sum over the initial states (uniform) of the policy's value. Prints J per iteration on stderr."})
final class GradientCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Model file (any supported format).")
    Path file;

    @Option(names = "--format", paramLabel = "F", defaultValue = "auto",
            completionCandidates = SolveCommand.FormatCandidates.class,
            description = "File format: ${COMPLETION-CANDIDATES} (default: auto, from the file name).")
    String format;

    @Option(names = "--observations", paramLabel = "CSV",
            description = "Observation of every state, CSV with header state,observation.")
    Path observations;

    @Option(names = "--features", paramLabel = "CSV",
            description = {"Features of every choice, CSV with header state,action,NAME1,...,NAMEd and one row per",
                    "choice of every non-terminal state: the state, the action label and d numbers."})
    Path features;

    @Option(names = "--natural", description = {"Step along the natural gradient (occupancy-weighted advantages) instead",
            "of the gradient; tabular and --observations only. Does not stall where the policy stopped visiting."})
    boolean natural;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "1000",
            description = "Cap on gradient steps (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--gradient-tolerance", paramLabel = "G", defaultValue = "1e-6",
            description = "Stop when the gradient norm is at most G (default: ${DEFAULT-VALUE}).")
    double gradientTolerance;

    @Option(names = "--objective-tolerance", paramLabel = "R", defaultValue = "1e-9",
            description = "Stop when a step changes J by at most R*max(1,|J|) (default: ${DEFAULT-VALUE}).")
    double objectiveTolerance;

    @Option(names = "--policy-out", paramLabel = "CSV",
            description = "Write the final stochastic policy as state,action,probability.")
    Path policyOut;

    @Option(names = "--theta-out", paramLabel = "CSV",
            description = {"Write the parameters: state,action,theta (tabular),",
                    "(--observations: observation,first_state,action,theta, observations numbered by first state) or",
                    "feature,theta (--features)."})
    Path thetaOut;

    @Option(names = "--json", description = "Print one JSON summary object on stdout instead of the text summary.")
    boolean json;

    @Option(names = "--theta-in", paramLabel = "CSV",
            description = "Start from these parameters (the format --theta-out writes) instead of theta = 0.")
    Path thetaIn;

    @Option(names = "--evaluate-only", description = {"Do not optimise: print J and its gradient at the starting",
            "parameters as JSON (objectiveValue, gradient, gradientNorm; bestSwitch for tabular policies)."})
    boolean evaluateOnly;

    @Override
    public Integer call() throws Exception {
        if (observations != null && features != null) {
            throw new IllegalArgumentException("give --observations or --features, not both");
        }
        if (natural && features != null) {
            throw new IllegalArgumentException("--natural needs a tabular policy (no --features)");
        }
        Mdp mdp = ModelFiles.load(file, format);
        SoftmaxPolicy family;
        List<String> featureNames = null;
        if (observations != null) {
            family = TabularSoftmax.overObservations(mdp, ObservationCsv.read(observations, mdp));
        } else if (features != null) {
            FeatureCsv.Features f = FeatureCsv.read(features, mdp);
            featureNames = f.names();
            family = LinearSoftmax.of(mdp, f.count(), f.rowMajor());
        } else {
            family = TabularSoftmax.perChoice(mdp);
        }
        PrintWriter err = spec.commandLine().getErr();
        GradientListener progress = (it, j, g) -> {
            err.printf(Locale.ROOT, "iteration %d: objective %.12g, gradient norm %.3e%n", it, j, g);
            err.flush();
            return true;
        };
        PolicyEvaluator evaluator = PolicyEvaluator.defaults();
        double[] theta0 = thetaIn == null ? family.zeros() : ThetaCsv.read(thetaIn, family, featureNames);
        if (evaluateOnly) {
            return evaluateOnly(family, new PolicyGradient(family, evaluator), theta0);
        }
        GradientResult r = GradientOptimizer.builder().maxIterations(iterations).gradientTolerance(gradientTolerance)
                .objectiveTolerance(objectiveTolerance).listener(progress)
                .direction(natural ? SearchDirection.NATURAL : SearchDirection.GRADIENT).build()
                .optimize(new PolicyGradient(family, evaluator), theta0);
        ActionSwitch best = family instanceof TabularSoftmax
                ? new PolicyGradient(family, evaluator).bestSwitch(r.theta()) : null;
        Double rounded = roundedObjective(mdp, family, r, evaluator);
        if (policyOut != null) {
            AtomicFiles.write(policyOut, out -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                PolicyCsv.write(w, mdp, r.policy());
            });
        }
        if (thetaOut != null) {
            List<String> names = featureNames;
            AtomicFiles.write(thetaOut, out -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                ThetaCsv.write(w, family, r.theta(), names);
                w.flush();
            });
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonWriter j = summaryFields(Summaries.beginJson(out), mdp, family)
                    .field("method", natural ? "natural-gradient" : "gradient")
                    .field("direction", natural ? "natural" : "gradient")
                    .field("objectiveValue", r.objective())
                    .field("initialObjectiveValue", r.initialObjective());
            if (rounded == null) {
                j.field("roundedObjectiveValue", (String) null);
            } else {
                j.field("roundedObjectiveValue", rounded.doubleValue());
            }
            j.field("iterations", r.iterations()).field("gradientNorm", r.gradientNorm())
                    .field("status", r.status().toStatus().name()).field("gradientStatus", r.status().name())
                    .field("converged", r.converged())
                    .field("evaluations", r.evaluations()).field("seconds", r.seconds());
            if (best != null) {
                switchJson(j.name("bestSwitch"), family, best);
            }
            Summaries.endJson(j, out);
        } else {
            out.printf(Locale.ROOT, "%s: %s, %s, %s direction%n", file, mdp, family.describe(),
                    natural ? "natural-gradient" : "gradient");
            out.printf(Locale.ROOT, "initial objective (uniform random policy): %.12g%n", r.initialObjective());
            out.printf(Locale.ROOT, "final objective:                            %.12g%n", r.objective());
            out.printf(Locale.ROOT, "most likely deterministic rounding:         %s%n",
                    rounded == null ? "does not terminate" : String.format(Locale.ROOT, "%.12g", rounded));
            out.printf(Locale.ROOT, "status %s after %d iterations (%d evaluations, %.3f s), gradient norm %.3e%n",
                    r.status(), r.iterations(), r.evaluations(), r.seconds(), r.gradientNorm());
            if (best != null && best.parameter() >= 0) {
                int c = firstChoice((TabularSoftmax) family, best.parameter());
                out.printf(Locale.ROOT, "most advantageous switch: action %s at state %d (and its observation),"
                        + " occupancy %.6g, probability %.6g, advantage %.6g, first-order improvement of J %.6g%n",
                        family.mdp().actionLabel(c), family.mdp().stateOfChoice(c), best.occupancy(), best.probability(),
                        best.advantage(), best.improvement());
            }
        }
        return r.converged() ? 0 : SparseMdpCli.EXIT_NOT_CONVERGED;
    }

    /** {@code --evaluate-only}: J, ∇J and (tabular) the best single switch at θ, as one JSON object. */
    private int evaluateOnly(SoftmaxPolicy family, PolicyGradient pg, double[] theta) {
        double[] g = new double[family.numParameters()];
        double j = pg.objectiveAndGradient(theta, g);
        double norm = 0;
        for (double x : g) {
            norm += x * x;
        }
        PrintWriter out = spec.commandLine().getOut();
        JsonWriter w = summaryFields(Summaries.beginJson(out), family.mdp(), family)
                .field("objectiveValue", j).field("gradientNorm", Math.sqrt(norm));
        w.name("gradient").array(g, 0, g.length);
        if (family instanceof TabularSoftmax) {
            switchJson(w.name("bestSwitch"), family, pg.bestSwitch(theta));
        }
        Summaries.endJson(w, out);
        return 0;
    }

    /** The fields every gradient summary starts with: file, model fields, parametrisation, parameters. */
    private JsonWriter summaryFields(JsonWriter j, Mdp mdp, SoftmaxPolicy family) {
        j.field("file", file.toString());
        return Summaries.modelFields(j, mdp).field("parametrisation", family.describe())
                .field("parameters", family.numParameters());
    }

    /**
     * The best single switch as a JSON object (first state and action of the parameter,
     * occupancy, advantage, probability, improvement), or null when there is none.
     */
    private static void switchJson(JsonWriter j, SoftmaxPolicy family, ActionSwitch best) {
        if (best.parameter() < 0) {
            j.nullValue();
            return;
        }
        int c = firstChoice((TabularSoftmax) family, best.parameter());
        Mdp mdp = family.mdp();
        int s = mdp.stateOfChoice(c);
        j.beginObject().field("parameter", best.parameter()).field("state", s)
                .field("action", mdp.actionLabel(c)).field("actionIndex", c - mdp.choiceStart(s))
                .field("occupancy", best.occupancy()).field("advantage", best.advantage())
                .field("probability", best.probability()).field("improvement", best.improvement()).endObject();
    }

    private static int firstChoice(TabularSoftmax family, int parameter) {
        for (int c = 0; c < family.mdp().numChoices(); c++) {
            if (family.parameterOf(c) == parameter) {
                return c;
            }
        }
        throw new IllegalStateException("no choice has parameter " + parameter);
    }

    /** J of the most likely rounding, or null if (γ = 1) the rounding does not terminate. */
    private static Double roundedObjective(Mdp mdp, SoftmaxPolicy family, GradientResult r, PolicyEvaluator ev) {
        double[] v;
        try {
            v = ev.evaluate(mdp, family.mostLikely(r.theta())).values();
        } catch (IllegalArgumentException e) {
            return null;
        }
        double[] rho = PolicyEvaluator.uniformInitialDistribution(mdp);
        double j = 0;
        for (int s = 0; s < v.length; s++) {
            j += rho[s] * v[s];
        }
        return j;
    }
}
