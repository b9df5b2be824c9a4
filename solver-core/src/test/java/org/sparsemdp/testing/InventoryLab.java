package org.sparsemdp.testing;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;

/**
 * The warehouse model of the seed lab (/work/shared/seeds/inventory-lab.md, "Lab 10 Discounted
 * Markov Decision Processes", Bo Tang): states 0..3 = starting inventory, action x = units
 * produced with 2 ≤ s + x ≤ 4 (label = x), cost (x &gt; 0 ? 4 : 0) + x + s, next state s + x − d with
 * demand d ∈ {1, 2} equally likely, β = 0.8, minimise.
 */
public final class InventoryLab {
    private InventoryLab() {
    }

    /** The lab's model, choices of each state in increasing x. */
    public static Mdp build() {
        MdpBuilder b = new MdpBuilder(4).discount(0.8).objective(Objective.MINIMIZE);
        for (int s = 0; s <= 3; s++) {
            for (int x = 0; x <= 4; x++) {
                if (s + x < 2 || s + x > 4) {
                    continue;
                }
                b.startChoice(s, Integer.toString(x), (x > 0 ? 4 : 0) + x + s);
                b.addTransition(s + x - 1, 0.5);
                b.addTransition(s + x - 2, 0.5);
                b.finishChoice();
            }
        }
        return b.build();
    }
}
