package org.sparsemdp.solve.undiscounted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsemdp.generate.GarnetGenerator;
import org.sparsemdp.generate.StopEmbedding;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/** The benchmark entry point runs the real sweeps on the system {@link Reachability} builds. */
class UndiscountedSweepsTest {
    @Test
    void sweepsReadTheReducedTransitionsAndConverge() {
        int n = 300;
        LoadedModel m = StopEmbedding.embed(GarnetGenerator.generate(n, 4, 4, 0.9, 3));
        Mdp mdp = m.mdp();
        UndiscountedSweeps s = UndiscountedSweeps.rewardUntil(mdp, mdp.rewardArray(), m.label(StopEmbedding.STOP),
                Objective.MAXIMIZE);
        // every Garnet state is iterated; the stop transition of each choice is folded into its constant
        assertEquals(n, s.states());
        assertEquals(4L * 4 * n, s.transitions());
        int sweeps = 0;
        while (s.interval() > 0) {
            assertTrue(++sweeps < 5000, "the fused sweeps must meet 1e-6 on a 0.9-discounted Garnet");
        }
        // with the stop probability 0.1 the staying probability of every pair falls like 0.9^k
        double y = 1;
        for (int k = 0; k < 50; k++) {
            y = s.sound();
        }
        assertTrue(y <= Math.pow(0.9, 50) * (1 + 1e-9) && y > 0, "y = " + y);
        assertTrue(s.exitRate() >= 0, "uniform exit rates: the exit-rate step applies");
    }
}
