package org.sparsemdp.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.RandomMdps;

class StronglyConnectedComponentsTest {
    @Test
    void componentsAreExactlyTheMutuallyReachableStatesInReverseTopologicalOrder() {
        for (long seed = 0; seed < 60; seed++) {
            int n = 1 + (int) (seed % 25);
            Mdp mdp = RandomMdps.random(seed, n, 2, 2, 0.9, Objective.MAXIMIZE, 0.2);
            StronglyConnectedComponents scc = StronglyConnectedComponents.of(mdp);
            boolean[][] reach = reachability(mdp);
            for (int s = 0; s < n; s++) {
                for (int t = 0; t < n; t++) {
                    boolean mutual = reach[s][t] && reach[t][s];
                    assertEquals(mutual, scc.componentOf(s) == scc.componentOf(t), "seed " + seed + " " + s + "," + t);
                    if (reach[s][t]) {
                        assertTrue(scc.componentOf(t) <= scc.componentOf(s), "edge order, seed " + seed);
                    }
                }
            }
            int[] order = scc.orderArray();
            int total = 0;
            for (int c = 0; c < scc.count(); c++) {
                total += scc.size(c);
                for (int i = scc.start(c); i < scc.end(c); i++) {
                    assertEquals(c, scc.componentOf(order[i]));
                    if (i > scc.start(c)) {
                        assertTrue(order[i - 1] < order[i]);
                    }
                }
            }
            assertEquals(n, total);
        }
    }

    @Test
    void millionStateChainAndCycleNeedNoRecursion() {
        int n = 1_000_000;
        MdpBuilder chain = new MdpBuilder(n).discount(1.0);
        MdpBuilder cycle = new MdpBuilder(n).discount(0.9);
        for (int s = 0; s < n; s++) {
            if (s + 1 < n) {
                chain.addChoice(s, "next", 1, new int[] {s + 1}, new double[] {1});
            }
            cycle.addChoice(s, "next", 1, new int[] {(s + 1) % n}, new double[] {1});
        }
        StronglyConnectedComponents chainScc = StronglyConnectedComponents.of(chain.build());
        assertEquals(n, chainScc.count());
        assertEquals(0, chainScc.componentOf(n - 1));
        assertEquals(n - 1, chainScc.componentOf(0));
        assertEquals(1, StronglyConnectedComponents.of(cycle.build()).count());
    }

    /** reach[s][t]: t reachable from s in zero or more steps (breadth-first search from each s). */
    private static boolean[][] reachability(Mdp mdp) {
        int n = mdp.numStates();
        boolean[][] reach = new boolean[n][n];
        for (int s = 0; s < n; s++) {
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            reach[s][s] = true;
            queue.add(s);
            while (!queue.isEmpty()) {
                int u = queue.poll();
                for (int c = mdp.choiceStart(u); c < mdp.choiceEnd(u); c++) {
                    for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                        int t = mdp.successor(k);
                        if (!reach[s][t]) {
                            reach[s][t] = true;
                            queue.add(t);
                        }
                    }
                }
            }
        }
        return reach;
    }
}
