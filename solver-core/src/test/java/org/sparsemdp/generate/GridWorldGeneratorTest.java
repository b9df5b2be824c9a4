package org.sparsemdp.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;

class GridWorldGeneratorTest {
    /** Russell &amp; Norvig's 4×3 world (AIMA 3rd ed., Figure 17.1), top row first. */
    private static final String AIMA_4X3 = "...G\n.#.T\nS...\n";

    @Test
    void aimaFourByThreeWorldHasTheBooksUtilities() {
        Mdp mdp = new GridWorldGenerator(GridLayout.parse(AIMA_4X3), 0.2, 0.04, 1, -1, 1.0).generate();
        assertEquals(11, mdp.numStates());
        assertEquals(2, mdp.numTerminalStates());
        assertEquals(7, mdp.initialState());
        double[] v = TotalRewardIteration.optimalValues(mdp);
        // AIMA 3rd ed., Figure 17.3: utilities with R(s) = −0.04 and γ = 1, to three decimals.
        int[] states = {0, 1, 2, 4, 5, 7, 8, 9, 10};
        double[] book = {0.812, 0.868, 0.918, 0.762, 0.660, 0.705, 0.655, 0.611, 0.388};
        for (int i = 0; i < states.length; i++) {
            assertEquals(book[i], v[states[i]], 5e-4, "state " + states[i]);
        }
    }

    @Test
    void movesSlipSidewaysAndBumpIntoWalls() {
        Mdp mdp = new GridWorldGenerator(GridLayout.parse(AIMA_4X3), 0.2, 0.04, 1, -1, 0.9).generate();
        // State 7 (bottom-left start) moving N: 0.8 to state 4, 0.1 west (bump: stay), 0.1 east to 8.
        int c = mdp.findChoice(7, "N");
        assertEquals(3, mdp.transitionEnd(c) - mdp.transitionStart(c));
        int k = mdp.transitionStart(c);
        assertEquals(4, mdp.successor(k));
        assertEquals(0.8, mdp.probability(k), 1e-15);
        assertEquals(7, mdp.successor(k + 1));
        assertEquals(0.1, mdp.probability(k + 1), 1e-15);
        assertEquals(8, mdp.successor(k + 2));
        assertEquals(-0.04, mdp.reward(c), 1e-15);
        // State 2 (left of the goal) moving E: 0.8 into the goal, 0.1 north (bump), 0.1 south to 5.
        int e = mdp.findChoice(2, "E");
        assertEquals(-0.04 + 0.8, mdp.reward(e), 1e-15);
        // State 5 moving N: 0.8 to 2, 0.1 west (wall: stay), 0.1 east into the trap.
        assertEquals(-0.04 - 0.1, mdp.reward(mdp.findChoice(5, "N")), 1e-15);
        assertTrue(mdp.isTerminal(3));
        assertTrue(mdp.isTerminal(6));
    }

    @Test
    void randomLayoutsAreReproducibleAndEveryStateReachesATerminal() {
        GridLayout a = GridLayout.random(40, 25, 0.25, 0.05, 42);
        GridLayout b = GridLayout.random(40, 25, 0.25, 0.05, 42);
        GridLayout c = GridLayout.random(40, 25, 0.25, 0.05, 43);
        assertEquals(a.toString(), b.toString());
        assertFalse(a.toString().equals(c.toString()));
        ModelAssertions.assertSameModel(GridWorldGenerator.withDefaults(a).generate(),
                GridWorldGenerator.withDefaults(b).generate());
        // Independent check of the reachability promise: a model with γ = 1 and a positive step
        // cost has finite optimal values only if every state can reach a terminal.
        Mdp mdp = new GridWorldGenerator(a, 0.2, 0.04, 1, -1, 1.0).generate();
        long walls = a.toString().chars().filter(ch -> ch == '#').count();
        assertEquals(40 * 25 - walls, mdp.numStates());
        assertEquals(0, mdp.initialState());
        assertTrue(everyStateReachesATerminal(mdp));
        double[] v = TotalRewardIteration.optimalValues(mdp); // converges: finite optimal values
        for (double x : v) {
            assertTrue(Double.isFinite(x) && x <= 1, "value " + x);
        }
    }

    /** Backward search over the model's own transitions from its terminal states. */
    private static boolean everyStateReachesATerminal(Mdp mdp) {
        int n = mdp.numStates();
        java.util.List<java.util.List<Integer>> predecessors = new java.util.ArrayList<>();
        for (int s = 0; s < n; s++) {
            predecessors.add(new java.util.ArrayList<>());
        }
        for (int s = 0; s < n; s++) {
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                    predecessors.get(mdp.successor(k)).add(s);
                }
            }
        }
        boolean[] seen = new boolean[n];
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        for (int s = 0; s < n; s++) {
            if (mdp.isTerminal(s)) {
                seen[s] = true;
                queue.add(s);
            }
        }
        while (!queue.isEmpty()) {
            for (int p : predecessors.get(queue.poll())) {
                if (!seen[p]) {
                    seen[p] = true;
                    queue.add(p);
                }
            }
        }
        for (boolean b : seen) {
            if (!b) {
                return false;
            }
        }
        return true;
    }

    @Test
    void parseRejectsBadMapsWithPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GridLayout.parse("S.\n.x\n"));
        assertTrue(e.getMessage().contains("row 2, column 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GridLayout.parse("S..\n..\n"));
        assertThrows(IllegalArgumentException.class, () -> GridLayout.parse("...\n.G.\n"));
    }

    @Test
    void undiscountedModelRejectsEnclosedCells() {
        GridLayout enclosed = GridLayout.parse("S.#.\n..#G\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GridWorldGenerator(enclosed, 0.2, 0.04, 1, -1, 1.0));
        assertTrue(e.getMessage().contains("row 1, column 1"), e.getMessage());
        assertEquals(6, new GridWorldGenerator(enclosed, 0.2, 0.04, 1, -1, 0.9).generate().numStates());
    }

    @Test
    void layoutRoundTripsThroughText() {
        GridLayout a = GridLayout.random(9, 7, 0.2, 0.1, 5);
        assertEquals(a.toString(), GridLayout.parse(a.toString()).toString());
        assertArrayEquals(GridWorldGenerator.withDefaults(a).generate().successorArray(),
                GridWorldGenerator.withDefaults(GridLayout.parse(a.toString())).generate().successorArray());
    }
}
