package org.sparsemdp.cli;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import picocli.CommandLine.Option;

/** The options that override a loaded model's discount factor and objective (solve, evaluate, convert). */
final class ModelOverrides {
    @Option(names = "--discount", paramLabel = "G", description = "Override the model's discount factor (0 < G <= 1).")
    Double discount;

    @Option(names = "--objective", paramLabel = "min|max", description = "Override the model's objective.")
    String objective;

    /** {@code mdp} with the overrides given on the command line applied (arrays are shared). */
    Mdp apply(Mdp mdp) {
        Mdp result = mdp;
        if (discount != null) {
            result = result.withDiscount(discount);
        }
        if (objective != null) {
            result = result.withObjective(Objective.parse(objective));
        }
        return result;
    }
}
