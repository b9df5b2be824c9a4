package org.sparsemdp.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparsemdp.graph.StateOrdering;
import org.sparsemdp.testing.RandomMdps;

class PermutedMdpTest {
    /** The distribution of choice c as a map original successor → probability. */
    private static Map<Integer, Double> row(Mdp mdp, int c, PermutedMdp back) {
        Map<Integer, Double> m = new HashMap<>();
        for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
            int t = back == null ? mdp.successor(k) : back.originalState(mdp.successor(k));
            m.merge(t, mdp.probability(k), Double::sum);
        }
        return m;
    }

    @Test
    void thePermutedModelIsTheSameModelRelabelled() {
        for (long seed = 0; seed < 25; seed++) {
            Mdp mdp = RandomMdps.random(seed, 1 + (int) (seed * 5 % 40), 4, 6, 0.9,
                    seed % 2 == 0 ? Objective.MAXIMIZE : Objective.MINIMIZE, 0.2);
            int n = mdp.numStates();
            PermutedMdp p = PermutedMdp.of(mdp, StateOrdering.shuffled(n, seed));
            Mdp q = p.permuted();
            assertEquals(n, q.numStates());
            assertEquals(mdp.numChoices(), q.numChoices());
            assertEquals(mdp.numTransitions(), q.numTransitions());
            assertEquals(mdp.discount(), q.discount());
            assertEquals(mdp.objective(), q.objective());
            for (int i = 0; i < n; i++) {
                int s = p.originalState(i);
                assertEquals(i, p.permutedState(s));
                assertEquals(mdp.numChoices(s), q.numChoices(i), "state " + s);
                for (int j = 0; j < mdp.numChoices(s); j++) {
                    int c = mdp.choiceStart(s) + j;
                    int c2 = q.choiceStart(i) + j;
                    assertEquals(c, p.originalChoice(c2));
                    assertEquals(mdp.reward(c), q.reward(c2));
                    assertEquals(mdp.actionLabel(c), q.actionLabel(c2));
                    assertEquals(row(mdp, c, null), row(q, c2, p), "state " + s + " choice " + j);
                    for (int k = q.transitionStart(c2) + 1; k < q.transitionEnd(c2); k++) {
                        assertTrue(q.successor(k - 1) < q.successor(k), "successors must increase");
                    }
                }
            }
            int[] initial = mdp.initialStates();
            int[] mapped = q.initialStates();
            for (int i = 0; i < initial.length; i++) {
                assertEquals(initial[i], p.originalState(mapped[i]));
            }
        }
    }

    @Test
    void valuesAndPoliciesMapBackToTheOriginalNumbering() {
        Mdp mdp = RandomMdps.random(3, 30, 3, 4, 0.9, Objective.MAXIMIZE, 0.2);
        PermutedMdp p = PermutedMdp.of(mdp, StateOrdering.shuffled(30, 7));
        double[] original = new double[30];
        int[] policy = new int[30];
        for (int s = 0; s < 30; s++) {
            original[s] = 100 + s;
            policy[s] = mdp.isTerminal(s) ? -1 : mdp.choiceEnd(s) - 1;
        }
        double[] permuted = p.valuesToPermuted(original);
        for (int s = 0; s < 30; s++) {
            assertEquals(100 + s, permuted[p.permutedState(s)]);
        }
        assertArrayEquals(original, p.valuesToOriginal(permuted));
        int[] permutedPolicy = new int[30];
        for (int i = 0; i < 30; i++) {
            permutedPolicy[i] = p.permuted().isTerminal(i) ? -1 : p.permuted().choiceEnd(i) - 1;
        }
        assertArrayEquals(policy, p.policyToOriginal(permutedPolicy));
    }

    @Test
    void rejectsAnOrderThatIsNotAPermutation() {
        Mdp mdp = RandomMdps.random(1, 4, 2, 2, 0.9, Objective.MAXIMIZE);
        assertThrows(IllegalArgumentException.class, () -> PermutedMdp.of(mdp, new int[] {0, 1, 2}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PermutedMdp.of(mdp, new int[] {0, 1, 1, 3}));
        assertTrue(e.getMessage().contains("not a permutation"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PermutedMdp.of(mdp, new int[] {0, 1, 2, 4}));
        PermutedMdp p = PermutedMdp.of(mdp, new int[] {3, 2, 1, 0});
        assertThrows(IllegalArgumentException.class,
                () -> p.policyToOriginal(new int[] {p.permuted().choiceStart(1), -1, -1, -1}));
    }
}
