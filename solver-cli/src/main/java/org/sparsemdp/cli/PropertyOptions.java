package org.sparsemdp.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sparsemdp.graph.StronglyConnectedComponents;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.property.PropertiesFile;
import org.sparsemdp.property.Property;
import org.sparsemdp.property.PropertyParser;
import org.sparsemdp.property.Query;
import org.sparsemdp.property.StateContext;
import org.sparsemdp.property.StateFormula;
import org.sparsemdp.property.StateValuations;
import org.sparsemdp.solve.TopologicalSolver;
import org.sparsemdp.solve.undiscounted.IterationOrder;
import picocli.CommandLine.Option;

/**
 * The {@code solve} options for PRISM/Storm properties (a picocli mixin): {@code --property},
 * {@code --properties}, {@code --states}, {@code --until-terminal} and
 * {@code --export-strategy}; and the choice of the default objective at discount 1.
 */
final class PropertyOptions {
    @Option(names = "--property", paramLabel = "PROP",
            description = "A property in PRISM/Storm syntax, e.g. 'Pmax=? [ F \"goal\" ]', 'R{\"time\"}min=? [ C<=10 ]',"
                    + " 'Rmax=? [ C discount=9/10 ]'; repeatable.")
    List<String> properties = new ArrayList<>();

    @Option(names = "--properties", paramLabel = "FILE.props",
            description = "PRISM properties file: one property per line, // comments, const int k = 5;, label \"x\" = ...;")
    Path propertiesFile;

    @Option(names = "--states", paramLabel = "F.sta",
            description = "PRISM states file for state-variable comparisons such as x=1 (default: model.sta beside the model).")
    Path states;

    @Option(names = "--until-terminal",
            description = "Discount 1 without a property: the total reward until a terminal state (stochastic shortest"
                    + " path; Infinity where termination is not certain) instead of the default R=? [ C ].")
    boolean untilTerminal;

    @Option(names = "--export-strategy", paramLabel = "FILE",
            description = "Write the optimal strategy of the (single) property in PRISM's format: state:action per line;"
                    + " 'state {k}=action' (k steps to go) for step-bounded properties; FILE.json: Storm's JSON scheduler.")
    Path exportStrategy;

    /** Whether properties were given. */
    boolean active() {
        return !properties.isEmpty() || propertiesFile != null;
    }

    /** The properties of {@code --properties} (first) and {@code --property}, with the labels of the file. */
    ParsedProperties parse() throws IOException {
        List<Property> list = new ArrayList<>();
        Map<String, StateFormula> labels = Map.of();
        if (propertiesFile != null) {
            PropertiesFile f = PropertiesFile.read(propertiesFile);
            list.addAll(f.properties());
            labels = f.labels();
            if (f.properties().isEmpty()) {
                throw new IllegalArgumentException(propertiesFile + ": no property in the file");
            }
        }
        for (String p : properties) {
            list.add(PropertyParser.parse(p));
        }
        return new ParsedProperties(list, labels);
    }

    /** Parsed properties with the labels their file defines. */
    record ParsedProperties(List<Property> properties, Map<String, StateFormula> labels) {
    }

    /** The state context of {@code model}: its labels, the file's labels and the states file if any. */
    StateContext context(Path modelFile, LoadedModel model, Map<String, StateFormula> labels) throws IOException {
        Path sta = states != null ? states : StateValuations.fileBeside(modelFile);
        StateValuations v = sta == null ? null : StateValuations.read(sta, model.mdp().numStates());
        return new StateContext(model, labels, v);
    }

    /**
     * The objective of a model with discount 1 and no property, if interval iteration solves it:
     * the total reward {@code R=? [ C ]} (the default) or, with {@code --until-terminal}, the total
     * reward until a terminal state; null where the method handles the model itself (a discount
     * below 1, another method, or {@code topological} on an acyclic model: its exact backward pass,
     * where both objectives coincide).
     */
    Query defaultQuery(Mdp mdp, String method, boolean methodGiven) {
        if (mdp.isDiscounted()) {
            return null;
        }
        boolean intervalIteration = !methodGiven || ReachabilityOptions.undiscountedOnly(method)
                || method.equals(TopologicalSolver.NAME) && StronglyConnectedComponents.acyclicOrder(mdp) == null;
        if (!intervalIteration) {
            return null;
        }
        return untilTerminal ? Query.totalUntilTerminal(null, mdp.objective())
                : Query.totalReward(null, Query.UNBOUNDED, mdp.objective());
    }

    /**
     * The interval-iteration order of the undiscounted properties: topological for
     * {@code --method topological}, optimistic value iteration for {@code --method ovi}, sound value iteration for
     * {@code --method svi}, policy iteration for {@code --method ssp-pi}, else
     * global (the discounted {@code C discount=g} uses the method itself, value iteration by
     * default).
     */
    static IterationOrder order(String method, boolean methodGiven) {
        return methodGiven && IterationOrder.isMethod(method) ? IterationOrder.ofMethod(method) : IterationOrder.GLOBAL;
    }
}
