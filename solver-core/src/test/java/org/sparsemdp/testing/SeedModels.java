package org.sparsemdp.testing;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;

/**
 * The worked examples with published answers, built from their descriptions (not from files), so
 * that tests of the readers and of the solvers check against independent sources.
 */
public final class SeedModels {
    /** Optimal values of the inventory lab: (1290/49, 1290/49, 1130/49, 1115/49). */
    public static final double[] INVENTORY_OPTIMAL = {1290.0 / 49, 1290.0 / 49, 1130.0 / 49, 1115.0 / 49};
    /** Optimal production per state of the inventory lab. */
    public static final String[] INVENTORY_POLICY = {"4", "3", "0", "0"};
    /** Optimal values of pymdptoolbox's forest example (S=3, r1=4, r2=2, p=0.1, γ=0.9). */
    public static final double[] FOREST_OPTIMAL = {6561.0 / 250, 7371.0 / 250, 8371.0 / 250};

    private SeedModels() {
    }

    /**
     * The inventory lab (shared/seeds/inventory-lab.md): capacity 3, setup cost 4, unit cost 1,
     * holding 1 per unit of starting inventory, demand 1 or 2 equally likely, β = 0.8, minimise.
     * State = starting inventory, action = units produced x with 2 ≤ s + x ≤ 4.
     */
    public static Mdp inventory() {
        MdpBuilder b = new MdpBuilder(4).discount(0.8).objective(Objective.MINIMIZE);
        for (int s = 0; s <= 3; s++) {
            for (int x = Math.max(0, 2 - s); s + x <= 4; x++) {
                double cost = (x > 0 ? 4 : 0) + x + s;
                b.startChoice(s, Integer.toString(x), cost);
                b.addTransition(s + x - 1, 0.5);
                b.addTransition(s + x - 2, 0.5);
                b.finishChoice();
            }
        }
        return b.build();
    }

    /** The forest example with pymdptoolbox's documented instance: S = 3, r1 = 4, r2 = 2, p = 0.1, γ = 0.9. */
    public static Mdp forest() {
        return forest(3, 4, 2, 0.1, 0.9);
    }

    /**
     * pymdptoolbox's forest-management example: wait grows the forest one age class (or a fire
     * with probability p resets it to 0); cut resets to 0 with reward 1 in states 1..S−2 and r2 in
     * the oldest; waiting in the oldest state earns r1. Maximise.
     */
    public static Mdp forest(int states, double r1, double r2, double p, double gamma) {
        MdpBuilder b = new MdpBuilder(states).discount(gamma).objective(Objective.MAXIMIZE);
        for (int s = 0; s < states; s++) {
            b.startChoice(s, "wait", s == states - 1 ? r1 : 0.0);
            b.addTransition(0, p);
            b.addTransition(Math.min(s + 1, states - 1), 1 - p);
            b.finishChoice();
            b.startChoice(s, "cut", s == 0 ? 0.0 : s == states - 1 ? r2 : 1.0);
            b.addTransition(0, 1.0);
            b.finishChoice();
        }
        return b.build();
    }
}
