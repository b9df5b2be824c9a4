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
    void acyclicOrderPutsEverySuccessorFirstAndRejectsCyclesAndSelfLoops() {
        for (long seed = 0; seed < 30; seed++) {
            // random DAG: the successors of state s are drawn among the states after s, in a
            // shuffled numbering so that index order is not already topological
            int n = 2 + (int) (seed % 30);
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
            int[] label = StateOrdering.shuffled(n, seed);
            MdpBuilder b = new MdpBuilder(n).discount(1.0).objective(Objective.MINIMIZE);
            for (int i = 0; i + 1 < n; i++) {
                if (rnd.nextInt(5) == 0) {
                    continue; // terminal
                }
                b.startChoice(label[i], "a", 1);
                int t1 = i + 1 + rnd.nextInt(n - i - 1);
                int t2 = i + 1 + rnd.nextInt(n - i - 1);
                b.addTransition(label[t1], 0.5);
                b.addTransition(label[t2], 0.5);
                b.finishChoice();
            }
            Mdp mdp = b.build();
            int[] order = StronglyConnectedComponents.acyclicOrder(mdp);
            assertTrue(order != null, "seed " + seed);
            int[] position = new int[n];
            for (int p = 0; p < n; p++) {
                position[order[p]] = p;
            }
            for (int s = 0; s < n; s++) {
                for (int k = mdp.transitionStart(mdp.choiceStart(s)); k < mdp.transitionStart(mdp.choiceEnd(s)); k++) {
                    assertTrue(position[mdp.successor(k)] < position[s], "seed " + seed + ": " + s);
                }
            }
        }
        MdpBuilder loop = new MdpBuilder(2).discount(0.9).objective(Objective.MINIMIZE);
        loop.addChoice(0, "stay", 1, new int[] {0, 1}, new double[] {0.5, 0.5});
        assertEquals(null, StronglyConnectedComponents.acyclicOrder(loop.build()));
        MdpBuilder cycle = new MdpBuilder(3).discount(0.9).objective(Objective.MINIMIZE);
        cycle.addChoice(0, "go", 1, new int[] {1}, new double[] {1});
        cycle.addChoice(1, "go", 1, new int[] {0, 2}, new double[] {0.5, 0.5});
        assertEquals(null, StronglyConnectedComponents.acyclicOrder(cycle.build()));
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
