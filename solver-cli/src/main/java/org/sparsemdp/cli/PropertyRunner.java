package org.sparsemdp.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.SolutionCsv;
import org.sparsemdp.io.json.JsonWriter;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.property.Property;
import org.sparsemdp.property.Query;
import org.sparsemdp.property.QueryEvaluator;
import org.sparsemdp.property.QueryResult;
import org.sparsemdp.property.QuerySolver;
import org.sparsemdp.property.StateContext;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.horizon.HorizonResult;

/**
 * Runs the properties of {@code solve --property/--properties}: each is parsed, compiled to a
 * {@link Query} on the model (direction: the property's, else the model's objective) and
 * answered by its {@link QuerySolver} (chosen by {@link QueryEvaluator#solverFor}); results are printed as a table (or one JSON object per property and line), the
 * values of a single property optionally written as CSV and its strategy exported.
 */
final class PropertyRunner {
    private final PropertyOptions options;
    private final QueryEvaluator evaluator;

    PropertyRunner(PropertyOptions options, QueryEvaluator evaluator) {
        this.options = options;
        this.evaluator = evaluator;
    }

    /** One evaluated property. */
    record Outcome(Property property, QueryResult result) {
    }

    /** Evaluates every property; returns the exit code. */
    int run(Path file, LoadedModel loaded, Mdp mdp, Path output, boolean json, int show, PrintWriter out)
            throws IOException {
        PropertyOptions.ParsedProperties parsed = options.parse();
        if ((output != null || options.exportStrategy != null) && parsed.properties().size() != 1) {
            throw new IllegalArgumentException((output != null ? "--output" : "--export-strategy")
                    + " writes the result of one property, but " + parsed.properties().size() + " were given");
        }
        LoadedModel model = loaded.withMdp(mdp);
        StateContext context = options.context(file, model, parsed.labels());
        // every property compiled and its solver chosen first, so that threads a solver does not
        // use are refused (QuerySolver.usesThreads) before any property is computed
        List<Property> directed = new ArrayList<>();
        List<Query> queries = new ArrayList<>();
        List<QuerySolver> solvers = new ArrayList<>();
        for (Property p : parsed.properties()) {
            try {
                Property d = p.withDefaultDirection(mdp.objective());
                Query q = Query.of(d, context);
                QuerySolver solver = evaluator.solverFor(q);
                if (!solver.usesThreads()) {
                    evaluator.options().requireSequential(solver.name());
                }
                directed.add(d);
                queries.add(q);
                solvers.add(solver);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                throw new IllegalArgumentException("property '" + p.text() + "': " + e.getMessage(), e);
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            try {
                outcomes.add(new Outcome(directed.get(i), solvers.get(i).solve(model, queries.get(i),
                        evaluator.options())));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                throw new IllegalArgumentException("property '" + parsed.properties().get(i).text() + "': "
                        + e.getMessage(), e);
            }
        }
        if (output != null) {
            Solution s = outcomes.get(0).result().solution();
            AtomicFiles.write(output, os -> SolutionCsv.write(os, mdp, s, false));
        }
        if (options.exportStrategy != null) {
            QueryResult r = outcomes.get(0).result();
            boolean storm = options.exportStrategy.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
            AtomicFiles.write(options.exportStrategy, os -> {
                if (storm) {
                    writeStormScheduler(mdp, r, os);
                } else {
                    writeStrategy(mdp, r, os);
                }
            });
        }
        if (json) {
            for (Outcome o : outcomes) {
                JsonWriter j = Summaries.beginJson(out);
                json(j, mdp, o, show);
                Summaries.endJson(j, out);
            }
        } else {
            printTable(out, file.toString(), mdp, outcomes);
            if (outcomes.size() == 1) {
                printStates(out, mdp, outcomes.get(0).result().solution(), show);
            }
            if (output != null) {
                out.println("values and policy written to " + output);
            }
            if (options.exportStrategy != null) {
                out.println("strategy written to " + options.exportStrategy);
            }
        }
        boolean converged = outcomes.stream().allMatch(o -> o.result().solution().converged());
        return converged ? 0 : SparseMdpCli.EXIT_NOT_CONVERGED;
    }

    /**
     * The fields of one property: its text and name, the query kind, the model fields (with the
     * query's direction and discount), the steps of a step-bounded query, the reward structure,
     * then the usual solution fields and the reason of infinite values.
     */
    static JsonWriter json(JsonWriter j, Mdp mdp, Outcome o, int show) {
        Query q = o.result().query();
        j.field("property", o.property().text());
        if (o.property().name() != null) {
            j.field("name", o.property().name());
        }
        j.field("query", q.kind().name());
        Summaries.modelFields(j, mdp, q.direction(), q.discount());
        if (q.isStepBounded()) {
            j.field("steps", q.steps());
        }
        if (o.result().rewardStructure() != null) {
            j.field("rewardStructure", o.result().rewardStructure());
        }
        Summaries.solutionFields(j, mdp, o.result().solution(), show);
        if (o.result().infinityReason() != null) {
            j.field("infinity", o.result().infinityReason());
        }
        return j;
    }

    private static void printTable(PrintWriter out, String name, Mdp mdp, List<Outcome> outcomes) {
        out.printf(Locale.ROOT, "model    %s: %d states, %d choices, %d transitions, initial state %d%n", name,
                mdp.numStates(), mdp.numChoices(), mdp.numTransitions(), mdp.initialState());
        int width = "property".length();
        for (Outcome o : outcomes) {
            width = Math.max(width, o.property().label().length());
        }
        width = Math.min(width, 60);
        String row = "%-" + width + "s  %20s  %10s  %-9s  %-14s  %s%n";
        out.printf(Locale.ROOT, row, "property", "value (initial)", "bound", "accuracy", "status", "method");
        for (Outcome o : outcomes) {
            Solution s = o.result().solution();
            out.printf(Locale.ROOT, row, o.property().label(), Summaries.format(s.value(mdp.initialState())),
                    String.format(Locale.ROOT, "%.2e", s.errorBound()), s.accuracy().name().toLowerCase(Locale.ROOT),
                    s.status().name(), s.method());
        }
        for (Outcome o : outcomes) {
            if (o.result().infinityReason() != null) {
                out.println("infinity " + (outcomes.size() > 1 ? o.property().label() + ": " : "")
                        + o.result().infinityReason());
            }
        }
    }

    private static void printStates(PrintWriter out, Mdp mdp, Solution sol, int show) {
        int n = Math.min(show, mdp.numStates());
        if (n == 0) {
            return;
        }
        out.printf(Locale.ROOT, "%8s  %20s  %s%n", "state", "value", "action");
        for (int s = 0; s < n; s++) {
            int c = sol.policy()[s];
            out.printf(Locale.ROOT, "%8d  %20s  %s%n", s, Summaries.format(sol.value(s)),
                    c >= 0 ? mdp.actionLabel(c) : "-");
        }
        if (n < mdp.numStates()) {
            out.printf(Locale.ROOT, "... %d more states (--output FILE writes all)%n", mdp.numStates() - n);
        }
    }

    /**
     * Storm's JSON scheduler format ({@code --exportscheduler FILE.json}): an array with one object
     * per state (and memory state) {@code {"s": state, "c": [{"labels": [action], "index": global
     * choice, "prob": 1}]}}, {@code "c": "undefined"} where there is no choice. For a step-bounded
     * property the memory {@code "m"} counts the steps taken (0..bound-1), and every choice lists
     * its {@code "memory-updates"} {@code {"s'": successor, "m'": m + 1}} (the last memory state
     * stays: the bound is then exhausted).
     */
    static void writeStormScheduler(Mdp mdp, QueryResult result, OutputStream os) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
        HorizonResult h = result.horizon();
        requireKept(mdp, result);
        int memories = h == null ? 1 : Math.max(1, h.steps());
        w.write("[");
        StringBuilder line = new StringBuilder(128);
        for (int s = 0; s < mdp.numStates(); s++) {
            for (int m = 0; m < memories; m++) {
                int c = h == null ? result.solution().policy()[s] : h.steps() == 0 ? -1 : h.choice(h.steps() - m, s);
                line.setLength(0);
                JsonWriter j = JsonWriter.compact(line).beginObject().field("s", s);
                if (h != null) {
                    j.field("m", m);
                }
                j.name("c");
                if (c < 0) {
                    j.value("undefined");
                } else {
                    j.beginArray().beginObject().name("labels").beginArray().value(mdp.actionLabel(c)).endArray()
                            .field("index", c).field("prob", 1);
                    if (h != null) {
                        int next = Math.min(m + 1, memories - 1);
                        j.name("memory-updates").beginArray();
                        for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                            j.beginObject().field("s'", mdp.successor(k)).field("m'", next).endObject();
                        }
                        j.endArray();
                    }
                    j.endObject().endArray();
                }
                j.endObject();
                w.write(s == 0 && m == 0 ? "\n" : ",\n");
                w.append(line);
            }
        }
        w.write("\n]\n");
        w.flush();
    }

    private static void requireKept(Mdp mdp, QueryResult result) {
        if (result.query().isStepBounded() && result.horizon() == null
                && result.solution().status() != org.sparsemdp.result.Status.CONVERGED) {
            throw new IllegalArgumentException("no strategy to export: the run stopped (" + result.solution().status()
                    + ") before all " + result.query().steps() + " steps were done");
        }
        if (result.query().isStepBounded() && result.horizon() == null) {
            throw new IllegalArgumentException("the per-step strategy of " + result.query().steps()
                    + " steps over " + mdp.numStates() + " states is too large to keep (more than "
                    + QueryEvaluator.MAX_KEPT_POLICY_ENTRIES + " entries)");
        }
    }

    /**
     * PRISM's strategy format ({@code -exportstrat}, "actions"): for a memoryless strategy one line
     * {@code state:action} per state with a choice (as PRISM's {@code MDStrategy}); for a
     * step-bounded property, whose strategy depends on the steps to go, PRISM's line for
     * finite-memory strategies {@code state {memory}=action} with memory = the steps to go
     * (bound, bound-1, ..., 1).
     */
    static void writeStrategy(Mdp mdp, QueryResult result, OutputStream os) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
        HorizonResult h = result.horizon();
        requireKept(mdp, result);
        if (h != null) {
            for (int s = 0; s < mdp.numStates(); s++) {
                for (int k = h.steps(); k >= 1; k--) {
                    int c = h.choice(k, s);
                    if (c >= 0) {
                        w.write(s + " {" + k + "}=" + mdp.actionLabel(c) + "\n");
                    }
                }
            }
        } else {
            int[] policy = result.solution().policy();
            for (int s = 0; s < mdp.numStates(); s++) {
                if (policy[s] >= 0) {
                    w.write(s + ":" + mdp.actionLabel(policy[s]) + "\n");
                }
            }
        }
        w.flush();
    }
}
