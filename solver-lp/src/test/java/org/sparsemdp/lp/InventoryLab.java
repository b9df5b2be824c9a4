package org.sparsemdp.lp;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;

/**
 * The seed inventory lab (shared/seeds/inventory-lab.md, after Winston's warehouse example):
 * states 0..3 = starting inventory, action x = units produced with 2 ≤ s + x ≤ 4 (labels "0".."4"),
 * cost (x &gt; 0 ? 4 : 0) + x + s, demand 1 or 2 equally likely, next state s + x − d, β = 0.8,
 * minimise. Published answers: v = (1290/49, 1290/49, 1130/49, 1115/49), policy x = (4, 3, 0, 0).
 */
final class InventoryLab {
    static final double[] VALUES = {1290.0 / 49, 1290.0 / 49, 1130.0 / 49, 1115.0 / 49};
    static final String[] POLICY = {"4", "3", "0", "0"};

    private InventoryLab() {
    }

    static Mdp build() {
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
