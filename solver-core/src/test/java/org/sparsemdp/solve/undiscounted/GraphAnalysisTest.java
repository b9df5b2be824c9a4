package org.sparsemdp.solve.undiscounted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;

/** Prob0/Prob1 and maximal end components on hand-built models whose answers are worked out by hand. */
class GraphAnalysisTest {
    /**
     * 0: a→1, b→½2 ½3;  1: a→1 (loop), b→4;  2: a→4;  3: terminal;  4: target (loop);  5: a→5 (loop);
     * 6: a→7, b→4;  7: a→6;  8: a→½8 ½9;  9: a→8;  10: a→½10 ½3.
     */
    static Mdp model() {
        MdpBuilder b = new MdpBuilder(11);
        b.addChoice(0, "a", 0, new int[] {1}, new double[] {1});
        b.addChoice(0, "b", 0, new int[] {2, 3}, new double[] {0.5, 0.5});
        b.addChoice(1, "a", 0, new int[] {1}, new double[] {1});
        b.addChoice(1, "b", 0, new int[] {4}, new double[] {1});
        b.addChoice(2, "a", 0, new int[] {4}, new double[] {1});
        b.addChoice(4, "a", 0, new int[] {4}, new double[] {1});
        b.addChoice(5, "a", 0, new int[] {5}, new double[] {1});
        b.addChoice(6, "a", 0, new int[] {7}, new double[] {1});
        b.addChoice(6, "b", 0, new int[] {4}, new double[] {1});
        b.addChoice(7, "a", 0, new int[] {6}, new double[] {1});
        b.addChoice(8, "a", 0, new int[] {8, 9}, new double[] {0.5, 0.5});
        b.addChoice(9, "a", 0, new int[] {8}, new double[] {1});
        b.addChoice(10, "a", 0, new int[] {10, 3}, new double[] {0.5, 0.5});
        return b.build();
    }

    private static BitSet set(int... states) {
        BitSet b = new BitSet();
        for (int s : states) {
            b.set(s);
        }
        return b;
    }

    @Test
    void qualitativeSetsMatchHandAnalysis() {
        GraphAnalysis g = new GraphAnalysis(model());
        BitSet target = set(4);
        // Pmax = 0: cannot reach 4 at all.
        assertEquals(set(3, 5, 8, 9, 10), g.prob0A(target));
        // Pmin = 0: 0 (a forever via 1's loop), 1 (loop), 6/7 (cycle), plus the Pmax = 0 states.
        assertEquals(set(0, 1, 3, 5, 6, 7, 8, 9, 10), g.prob0E(target));
        // Pmax = 1.
        assertEquals(set(0, 1, 2, 4, 6, 7), g.prob1E(target));
        // Pmin = 1.
        assertEquals(set(2, 4), g.prob1A(target));
    }

    @Test
    void maximalEndComponentsMatchHandAnalysis() {
        Mdp mdp = model();
        BitSet all = new BitSet();
        all.set(0, mdp.numStates());
        EndComponents mecs = EndComponents.maximal(mdp, all, null);
        assertEquals(5, mecs.count()); // {1}, {4}, {5}, {6,7}, {8,9}
        for (int s : new int[] {0, 2, 3, 10}) {
            assertEquals(-1, mecs.componentOf(s), "state " + s);
        }
        assertEquals(mecs.componentOf(6), mecs.componentOf(7));
        assertEquals(mecs.componentOf(8), mecs.componentOf(9));
        BitSet distinct = new BitSet();
        for (int s : new int[] {1, 4, 5, 6, 8}) {
            distinct.set(mecs.componentOf(s));
        }
        assertEquals(5, distinct.cardinality());
        assertTrue(mecs.isInternal(mdp.findChoice(6, "a")));
        assertFalse(mecs.isInternal(mdp.findChoice(6, "b")));
        assertTrue(mecs.isInternal(mdp.findChoice(1, "a")));
        assertFalse(mecs.isInternal(mdp.findChoice(1, "b")));
        assertFalse(mecs.isInternal(mdp.findChoice(0, "a")));
    }

    @Test
    void endComponentsRespectStateAndChoiceRestrictions() {
        Mdp mdp = model();
        // Without 7, the cycle 6-7 is gone; without choice 8a, 8-9 is gone.
        BitSet states = new BitSet();
        states.set(0, mdp.numStates());
        states.clear(7);
        BitSet allowed = new BitSet();
        allowed.set(0, mdp.numChoices());
        allowed.clear(mdp.findChoice(8, "a"));
        EndComponents mecs = EndComponents.maximal(mdp, states, allowed);
        assertEquals(3, mecs.count()); // {1}, {4}, {5}
        assertEquals(-1, mecs.componentOf(6));
        assertEquals(-1, mecs.componentOf(8));
        assertEquals(-1, mecs.componentOf(9));
    }

    @Test
    void longChainNeedsNoRecursion() {
        int n = 200_000; // a recursive search would overflow the stack
        MdpBuilder b = new MdpBuilder(n);
        for (int s = 0; s < n; s++) {
            b.addChoice(s, "a", 0, new int[] {(s + 1) % n}, new double[] {1});
        }
        Mdp mdp = b.build();
        BitSet all = new BitSet();
        all.set(0, n);
        EndComponents mecs = EndComponents.maximal(mdp, all, null);
        assertEquals(1, mecs.count());
        assertEquals(0, mecs.componentOf(n - 1));
        GraphAnalysis g = new GraphAnalysis(mdp);
        assertEquals(all, g.prob1A(set(0)));
    }
}
