package org.sparsemdp.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.model.PermutedMdp;
import org.sparsemdp.testing.RandomMdps;

public class StateOrderingTest {
    /** A width × height grid, one choice per cell moving uniformly to its 4-neighbours. */
    public static Mdp grid(int width, int height) {
        MdpBuilder b = new MdpBuilder(width * height).discount(0.9).objective(Objective.MAXIMIZE);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int s = y * width + x;
                b.startChoice(s, "move", x + y);
                int[][] moves = {{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}};
                int count = 0;
                for (int[] m : moves) {
                    if (m[0] >= 0 && m[0] < width && m[1] >= 0 && m[1] < height) {
                        count++;
                    }
                }
                for (int[] m : moves) {
                    if (m[0] >= 0 && m[0] < width && m[1] >= 0 && m[1] < height) {
                        b.addTransition(m[1] * width + m[0], 1.0 / count);
                    }
                }
                b.finishChoice();
            }
        }
        return b.build();
    }

    /** max |s − t| over the transitions s → t. */
    static int bandwidth(Mdp mdp) {
        int w = 0;
        for (int s = 0; s < mdp.numStates(); s++) {
            for (int k = mdp.transitionStart(mdp.choiceStart(s)); k < mdp.transitionStart(mdp.choiceEnd(s)); k++) {
                w = Math.max(w, Math.abs(mdp.successor(k) - s));
            }
        }
        return w;
    }

    private static void assertPermutation(int[] order, int n) {
        assertEquals(n, order.length);
        boolean[] seen = new boolean[n];
        for (int s : order) {
            assertTrue(s >= 0 && s < n && !seen[s], "not a permutation at " + s);
            seen[s] = true;
        }
    }

    @Test
    void everyOrderingIsAPermutationOnModelsWithTerminalStatesAndSeveralComponents() {
        for (long seed = 0; seed < 30; seed++) {
            int n = 1 + (int) (seed * 11 % 60);
            Mdp mdp = RandomMdps.random(seed, n, 3, 2, 0.9, Objective.MINIMIZE, 0.4);
            for (StateOrdering o : StateOrdering.values()) {
                assertPermutation(o.order(mdp), n);
            }
            assertPermutation(StateOrdering.shuffled(n, seed), n);
        }
    }

    @Test
    void reverseCuthillMcKeeAndBreadthFirstRecoverTheLocalityOfAShuffledGrid() {
        int width = 12;
        int height = 40;
        Mdp grid = grid(width, height);
        assertEquals(width, bandwidth(grid));
        Mdp shuffled = PermutedMdp.of(grid, StateOrdering.shuffled(width * height, 5)).permuted();
        assertTrue(bandwidth(shuffled) > width * height / 2, "shuffled bandwidth " + bandwidth(shuffled));
        // Cuthill–McKee levels of a grid started in a corner are its anti-diagonals, at most
        // `width` cells each: a level and the next span at most 2·width positions
        int rcm = bandwidth(PermutedMdp.of(shuffled, StateOrdering.RCM.order(shuffled)).permuted());
        assertTrue(rcm <= 2 * width, "RCM bandwidth " + rcm);
        int bfs = bandwidth(PermutedMdp.of(shuffled, StateOrdering.BFS.order(shuffled)).permuted());
        assertTrue(bfs <= 4 * width, "BFS bandwidth " + bfs);
    }

    @Test
    void noneIsTheIdentityAndKeywordsParse() {
        Mdp mdp = RandomMdps.random(2, 9, 2, 3, 0.9, Objective.MAXIMIZE);
        int[] order = StateOrdering.NONE.order(mdp);
        for (int i = 0; i < 9; i++) {
            assertEquals(i, order[i]);
        }
        assertEquals(StateOrdering.RCM, StateOrdering.parse("rcm"));
        assertEquals(StateOrdering.BFS, StateOrdering.parse("BFS"));
        assertEquals(StateOrdering.NONE, StateOrdering.parse("none"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StateOrdering.parse("dfs"));
        assertTrue(e.getMessage().contains("none, bfs, rcm"), e.getMessage());
    }
}
