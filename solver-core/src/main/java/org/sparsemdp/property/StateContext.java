package org.sparsemdp.property;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.sparsemdp.io.LoadedModel;

/**
 * What state formulas are evaluated against: the model's labels, the labels defined in a
 * properties file ({@code label "x" = ...;}, looked up first) and, if the model came with a
 * states file ({@code .sta}), the state variables.
 */
public final class StateContext {
    private final LoadedModel model;
    private final Map<String, StateFormula> fileLabels;
    private final StateValuations valuations;
    private final Set<String> evaluating = new HashSet<>();

    /**
     * @param fileLabels labels of a properties file (may be empty)
     * @param valuations the state variables, or null if the model has no states file
     */
    public StateContext(LoadedModel model, Map<String, StateFormula> fileLabels, StateValuations valuations) {
        this.model = Objects.requireNonNull(model, "model");
        this.fileLabels = Map.copyOf(fileLabels);
        this.valuations = valuations;
        if (valuations != null && valuations.numStates() != model.mdp().numStates()) {
            throw new IllegalArgumentException(valuations.source() + ": " + valuations.numStates()
                    + " states, but the model has " + model.mdp().numStates());
        }
    }

    /** A context with the model's labels only. */
    public static StateContext of(LoadedModel model) {
        return new StateContext(model, Map.of(), null);
    }

    /** The model. */
    public LoadedModel model() {
        return model;
    }

    /** The number of states. */
    public int numStates() {
        return model.mdp().numStates();
    }

    /** Whether the state variables are known. */
    public boolean hasValuations() {
        return valuations != null;
    }

    /** The states carrying {@code label}: a properties-file label, a model label or a Boolean state variable. */
    BitSet label(StateFormula.Label label) {
        StateFormula defined = fileLabels.get(label.name());
        if (defined != null) {
            if (!evaluating.add(label.name())) {
                throw new IllegalArgumentException("label \"" + label.name() + "\" is defined in terms of itself");
            }
            try {
                return defined.evaluate(this);
            } finally {
                evaluating.remove(label.name());
            }
        }
        if (model.hasLabel(label.name())) {
            return model.label(label.name());
        }
        if (!label.quoted() && valuations != null && valuations.has(label.name())) {
            int var = valuations.indexOf(label.name());
            BitSet b = new BitSet(numStates());
            for (int s = 0; s < numStates(); s++) {
                if (valuations.value(var, s) != 0) {
                    b.set(s);
                }
            }
            return b;
        }
        StringBuilder known = new StringBuilder(String.join(", ", model.labelNames()));
        for (String f : fileLabels.keySet()) {
            known.append(", ").append(f);
        }
        String vars = valuations == null ? "" : "; state variables: " + String.join(", ", valuations.names());
        throw new IllegalArgumentException("column " + label.column() + ": unknown label " + label
                + "; known labels: " + known + vars);
    }

    /** The state variables, for a comparison; an error naming the comparison if there is no states file or a variable is unknown. */
    StateValuations valuations(StateFormula.Comparison c) {
        if (valuations == null) {
            throw new IllegalArgumentException("column " + c.column() + ": the comparison '" + c
                    + "' reads state variables, but the model has no states file (model.sta beside the .tra)");
        }
        checkVariables(c.left());
        checkVariables(c.right());
        return valuations;
    }

    private void checkVariables(IntExpression e) {
        if (e instanceof IntExpression.Variable v && !valuations.has(v.name())) {
            throw new IllegalArgumentException("column " + v.column() + ": unknown state variable or constant '"
                    + v.name() + "'; state variables of " + valuations.source() + ": "
                    + String.join(", ", valuations.names()));
        }
        if (e instanceof IntExpression.Sum s) {
            checkVariables(s.left());
            checkVariables(s.right());
        }
    }
}
