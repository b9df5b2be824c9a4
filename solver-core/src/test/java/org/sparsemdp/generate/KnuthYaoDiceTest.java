package org.sparsemdp.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.undiscounted.Reachability;
import org.sparsemdp.solve.undiscounted.TotalRewardSolver;

/**
 * The generated Knuth–Yao dice against their published values: each face 1/6, 11/3 expected
 * flips per die (Knuth &amp; Yao 1976; PRISM dice case study), and for two dice Storm's asserted
 * P(two) = 1/36, P(three) = 2/36, expected flips 22/3 on its 169-state two_dice model.
 */
class KnuthYaoDiceTest {
    private static final SolverOptions OPTIONS = SolverOptions.builder().epsilon(1e-10).build();

    @Test
    void oneDieIsFairAndNeedsElevenThirdsFlips() {
        LoadedModel m = KnuthYaoDice.dice(1);
        assertEquals(13, m.mdp().numStates());
        for (int face = 1; face <= 6; face++) {
            Solution s = Reachability.probability(m.mdp(), m.label("sum" + face), Objective.MAXIMIZE, OPTIONS, false);
            assertEquals(1.0 / 6, s.value(0), 1e-9);
        }
        assertEquals(11.0 / 3, new TotalRewardSolver().solve(m.mdp(), OPTIONS).value(0), 1e-9);
    }

    @Test
    void twoDiceMatchStormsTwoDiceValues() {
        LoadedModel m = KnuthYaoDice.dice(2);
        assertEquals(169, m.mdp().numStates());
        for (Objective o : Objective.values()) {
            assertEquals(1.0 / 36, Reachability.probability(m.mdp(), m.label("sum2"), o, OPTIONS, false).value(0), 1e-9);
            assertEquals(2.0 / 36, Reachability.probability(m.mdp(), m.label("sum3"), o, OPTIONS, false).value(0), 1e-9);
            BitSet done = m.label("done");
            assertEquals(22.0 / 3, Reachability.reward(m.mdp(), m.rewards("flips"), done, o, OPTIONS, false).value(0),
                    1e-9);
        }
    }

    @Test
    void threeDiceNeedElevenFlips() {
        LoadedModel m = KnuthYaoDice.dice(3);
        assertEquals(13 * 13 * 13, m.mdp().numStates());
        assertEquals(11.0, new TotalRewardSolver().solve(m.mdp().withObjective(Objective.MAXIMIZE), OPTIONS).value(0),
                1e-9);
        // P(sum = 3) = 1/216 whatever the order of rolls.
        assertEquals(1.0 / 216, Reachability.probability(m.mdp(), m.label("sum3"), Objective.MINIMIZE, OPTIONS, false)
                .value(0), 1e-9);
    }
}
