package org.sparsemdp.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.sparsemdp.io.json.JsonWriter;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Solution;

/** Text and JSON summaries of models and solutions. */
final class Summaries {
    private Summaries() {
    }

    /**
     * Starts a one-line JSON object on {@code out} (compact; finish it with {@link #endJson}). Every
     * {@code --json} summary is written this way, with the field names of the README's "JSON output".
     */
    static JsonWriter beginJson(PrintWriter out) {
        return JsonWriter.compact(out).beginObject();
    }

    /** Closes the object begun by {@link #beginJson} and ends its line. */
    static void endJson(JsonWriter j, PrintWriter out) {
        j.endObject();
        out.println();
    }

    /** The model fields: {@code states, choices, transitions, objective} ("min"/"max), {@code discount}. */
    static JsonWriter modelFields(JsonWriter j, Mdp mdp) {
        return modelFields(j, mdp, mdp.objective(), mdp.discount());
    }

    /** The model fields with the direction and discount of a query (which may differ from the model's). */
    static JsonWriter modelFields(JsonWriter j, Mdp mdp, Objective direction, double discount) {
        return j.field("states", mdp.numStates())
                .field("choices", mdp.numChoices())
                .field("transitions", mdp.numTransitions())
                .field("objective", direction.keyword())
                .field("discount", discount);
    }

    /** The model fields, then the {@link #solutionFields} of {@code solution}. */
    static JsonWriter solutionJson(JsonWriter j, Mdp mdp, Solution solution, int show) {
        return solutionFields(modelFields(j, mdp), mdp, solution, show);
    }

    /**
     * The fields of a solution: {@code method, status, accuracy, iterations, errorBound,
     * policyBound, residual, seconds, initialState, initialValue}, then for the first
     * {@code min(show, states)} states (as the text summary shows them) {@code values},
     * {@code lower} and {@code upper} (only when the solver keeps bound vectors), {@code policy}
     * (action labels, null for a terminal state) and {@code actions} (the index of the chosen
     * action among the state's choices, −1 for a terminal state).
     */
    static JsonWriter solutionFields(JsonWriter j, Mdp mdp, Solution solution, int show) {
        int init = mdp.initialState();
        j.field("method", solution.method())
                .field("status", solution.status().name())
                .field("accuracy", solution.accuracy().name())
                .field("iterations", solution.iterations())
                .field("errorBound", solution.errorBound())
                .field("policyBound", solution.policyBound())
                .field("residual", solution.residual())
                .field("seconds", solution.seconds())
                .field("initialState", init)
                .field("initialValue", solution.value(init));
        return stateFields(j, mdp, solution.values(), solution.lower(), solution.upper(), solution.policy(), show);
    }

    /**
     * The per-state arrays of the first {@code min(show, states)} states: {@code values},
     * {@code lower} and {@code upper} (when both are non-null), {@code policy} (the label of each
     * state's choice in {@code choice}, global indices, null where −1) and {@code actions} (its
     * index among the state's choices, −1 for none).
     */
    static JsonWriter stateFields(JsonWriter j, Mdp mdp, double[] values, double[] lower, double[] upper,
                                  int[] choice, int show) {
        int n = Math.max(0, Math.min(show, mdp.numStates()));
        j.name("values").array(values, 0, n);
        if (lower != null && upper != null) {
            j.name("lower").array(lower, 0, n);
            j.name("upper").array(upper, 0, n);
        }
        j.name("policy").beginArray();
        for (int s = 0; s < n; s++) {
            j.value(choice[s] < 0 ? null : mdp.actionLabel(choice[s]));
        }
        j.endArray().name("actions").beginArray();
        for (int s = 0; s < n; s++) {
            j.value(choice[s] < 0 ? -1 : choice[s] - mdp.choiceStart(s));
        }
        return j.endArray();
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
