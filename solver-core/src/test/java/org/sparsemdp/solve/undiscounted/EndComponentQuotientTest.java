package org.sparsemdp.solve.undiscounted;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;

/**
 * {@link EndComponentQuotient} on a hand-built MDP whose Pmax needs end-component merging:
 * states 0 and 1 form an end component (a: 0→1, b: 1→0) with exits c (0: goal ½, sink ½),
 * d (1: goal 0.8, sink 0.2) and e (1: back to 0 ½, sink ½); state 4 loops on itself (g) or
 * takes f (0 ½, sink ½); state 5 takes h (0 ¼, 1 ¼, goal ½). By hand: from {0, 1} the best is to
 * walk to 1 and take d, Pmax = 0.8; Pmax(4) = ½·0.8 = 0.4; Pmax(5) = ½·0.8 + ½ = 0.9.
 */
class EndComponentQuotientTest {
    private static final int GOAL = 2;

    static Mdp handBuilt() {
        MdpBuilder b = new MdpBuilder(6).objective(Objective.MAXIMIZE).discount(1.0);
        b.addChoice(0, "a", 0.0, new int[] {1}, new double[] {1});
        b.addChoice(0, "c", 1.0, new int[] {2, 3}, new double[] {0.5, 0.5});
        b.addChoice(1, "b", 0.0, new int[] {0}, new double[] {1});
        b.addChoice(1, "d", 2.0, new int[] {2, 3}, new double[] {0.8, 0.2});
        b.addChoice(1, "e", 0.0, new int[] {0, 3}, new double[] {0.5, 0.5});
        b.addChoice(3, "stay", 0.0, new int[] {3}, new double[] {1});
        b.addChoice(4, "f", 1.0, new int[] {0, 3}, new double[] {0.5, 0.5});
        b.addChoice(4, "g", 0.0, new int[] {4}, new double[] {1});
        b.addChoice(5, "h", 1.0, new int[] {0, 1, 2}, new double[] {0.25, 0.25, 0.5});
        return b.build();
    }

    @Test
    void mergesTheEndComponentsOfTheMaybeStatesKeepingOnlyTheirExits() {
        Mdp mdp = handBuilt();
        BitSet maybe = new BitSet();
        maybe.set(0, 2);
        maybe.set(4, 6); // 2 is the goal, 3 the sink (Prob0A)
        EndComponentQuotient ec = EndComponentQuotient.forMaxProbability(mdp, maybe);
        Mdp q = ec.quotient();
        assertEquals(2, ec.componentCount()); // {0, 1} and {4}
        assertEquals(5, q.numStates());
        int[] expectedStateOf = {0, 0, 1, 2, 3, 4};
        for (int s = 0; s < 6; s++) {
            assertEquals(expectedStateOf[s], ec.stateOf(s), "state " + s);
        }
        // {0, 1}: c, d, e (a and b stay inside); {4}: f (g stays); e becomes a self-loop of ½
        assertEquals(3, q.numChoices(0));
        assertEquals("c", mdp.actionLabel(ec.originalChoice(q.choiceStart(0))));
        assertEquals("d", mdp.actionLabel(ec.originalChoice(q.choiceStart(0) + 1)));
        int e = q.choiceStart(0) + 2;
        assertEquals("e", mdp.actionLabel(ec.originalChoice(e)));
        assertEquals(0, q.successor(q.transitionStart(e)));
        assertEquals(0.5, q.probability(q.transitionStart(e)));
        assertEquals(1, q.numChoices(3));
        assertEquals("f", mdp.actionLabel(ec.originalChoice(q.choiceStart(3))));
        // h: 0 and 1 are both the merged state 0, their probabilities summed
        int h = q.choiceStart(4);
        assertEquals(2, q.transitionEnd(h) - q.transitionStart(h));
        assertEquals(0, q.successor(q.transitionStart(h)));
        assertEquals(0.5, q.probability(q.transitionStart(h)));
        assertEquals(1.0, q.reward(h));
        assertEquals(3, ec.maxTransitionsPerChoice());
        BitSet goal = new BitSet();
        goal.set(GOAL);
        assertEquals(BitSet.valueOf(new long[] {1L << 1}), ec.mapStates(goal));
    }

    @Test
    void quotientHasTheHandDerivedPmaxAndThePolicyWalksToTheBestExit() {
        Mdp mdp = handBuilt();
        BitSet goal = new BitSet();
        goal.set(GOAL);
        BitSet maybe = new BitSet();
        maybe.set(0, 2);
        maybe.set(4, 6);
        EndComponentQuotient ec = EndComponentQuotient.forMaxProbability(mdp, maybe);
        SolverOptions options = SolverOptions.builder().epsilon(1e-10).build();
        Solution q = Reachability.probability(ec.quotient(), ec.mapStates(goal), Objective.MAXIMIZE, options, false,
                IterationOrder.GLOBAL, false);
        double[] expected = {0.8, 0.8, 1.0, 0.0, 0.4, 0.9};
        for (int s = 0; s < 6; s++) {
            int t = ec.stateOf(s);
            assertTrue(q.lower()[t] <= expected[s] + 1e-15 && expected[s] <= q.upper()[t] + 1e-15,
                    "state " + s + ": [" + q.lower()[t] + ", " + q.upper()[t] + "]");
        }
        int[] policy = ec.originalPolicy(q.policy());
        assertEquals("a", mdp.actionLabel(policy[0])); // walk to 1 ...
        assertEquals("d", mdp.actionLabel(policy[1])); // ... which takes the best exit
        assertEquals("f", mdp.actionLabel(policy[4]));
        assertEquals("h", mdp.actionLabel(policy[5]));
        assertEquals(-1, policy[GOAL]);
        for (int s = 0; s < 6; s++) {
            assertTrue(policy[s] < 0 || mdp.stateOfChoice(policy[s]) == s, "state " + s);
        }
    }

    /** Rmin merges only zero-reward end components: {0, 1} by a and b, and {4} by g, but not by d. */
    @Test
    void minRewardMergesZeroRewardChoicesOnly() {
        MdpBuilder b = new MdpBuilder(4).objective(Objective.MINIMIZE).discount(1.0);
        b.addChoice(0, "a", 0.0, new int[] {1}, new double[] {1});
        b.addChoice(0, "go", 3.0, new int[] {3}, new double[] {1});
        b.addChoice(1, "b", 0.0, new int[] {0}, new double[] {1});
        b.addChoice(1, "go", 5.0, new int[] {3}, new double[] {1});
        b.addChoice(2, "loop", 1.0, new int[] {2}, new double[] {1});
        b.addChoice(2, "go", 4.0, new int[] {3}, new double[] {1});
        Mdp mdp = b.build();
        BitSet maybe = new BitSet();
        maybe.set(0, 3);
        EndComponentQuotient ec = EndComponentQuotient.forMinReward(mdp, maybe);
        assertEquals(1, ec.componentCount());
        assertEquals(3, ec.quotient().numStates());
        // {0,1}: both go (a, b dropped); 2 keeps its positive-reward loop; the target 3 is terminal
        assertArrayEquals(new int[] {2, 2, 0}, new int[] {ec.quotient().numChoices(0), ec.quotient().numChoices(1),
                ec.quotient().numChoices(2)});
        BitSet t = new BitSet();
        t.set(3);
        Solution q = Reachability.reward(ec.quotient(), ec.quotient().rewardArray(), ec.mapStates(t),
                Objective.MINIMIZE, SolverOptions.builder().epsilon(1e-10).build(), false, IterationOrder.GLOBAL,
                false);
        assertEquals(3.0, q.values()[ec.stateOf(1)], 1e-9); // by hand: walk to 0 for free, then go (3)
        assertEquals(4.0, q.values()[ec.stateOf(2)], 1e-9);
    }
}
