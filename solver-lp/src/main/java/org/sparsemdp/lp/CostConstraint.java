package org.sparsemdp.lp;

import java.util.Objects;

/**
 * A constraint of a constrained MDP (Altman 1999): the expected discounted (γ &lt; 1) or total
 * (γ = 1) cost c(s,a), accumulated from the initial distribution, must not exceed {@code budget}:
 * Σ_{s,a} x(s,a) c(s,a) ≤ budget, where x is the occupancy measure.
 *
 * @param name   a name for reports (for example the cost file)
 * @param costs  per choice (global choice index of the model) its cost; copied
 * @param budget the bound b
 */
public record CostConstraint(String name, double[] costs, double budget) {
    /** Checks and copies the arguments. */
    public CostConstraint {
        Objects.requireNonNull(name, "name");
        costs = costs.clone();
        for (int c = 0; c < costs.length; c++) {
            if (!Double.isFinite(costs[c])) {
                throw new IllegalArgumentException("constraint '" + name + "': cost of choice " + c + " is "
                        + costs[c]);
            }
        }
        if (!Double.isFinite(budget)) {
            throw new IllegalArgumentException("constraint '" + name + "': budget " + budget + " is not finite");
        }
    }

    /** A copy of the per-choice costs. */
    @Override
    public double[] costs() {
        return costs.clone();
    }
}
