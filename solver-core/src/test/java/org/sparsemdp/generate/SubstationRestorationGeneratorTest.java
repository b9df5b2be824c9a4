package org.sparsemdp.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;

class SubstationRestorationGeneratorTest {
    @Test
    void threeUnitSubstationsByHand() {
        // Locations 0 (left end), 1, 2, 3 at unit spacing, one user each, uniform fault.
        // Knowing f, the cheapest sequences are: f=1 visit 1 (1·3); f=2 visit 1 then 2 (1·3 + 1·2);
        // f=3 visit 1 then 2, which isolates 3 by elimination (1·3 + 1·2). Mean 13/3.
        SubstationRestorationGenerator g = SubstationRestorationGenerator.onLine(new double[] {0, 1, 2, 3},
                new double[] {1, 1, 1});
        Mdp mdp = g.generate();
        double[] v = TotalRewardIteration.optimalValues(mdp);
        assertEquals(13.0 / 3, v[g.startState()], 1e-12);
        assertEquals(3.0, v[g.state(1, 0, 1, 3)], 1e-12);
        assertEquals(5.0, v[g.state(2, 0, 1, 3)], 1e-12);
        assertEquals(5.0, v[g.state(3, 0, 1, 3)], 1e-12);
        assertEquals(1.0, mdp.discount());
        assertTrue(mdp.isTerminal(g.doneState()));
    }

    @Test
    void optimalValuesMatchAnIndependentRecursion() {
        // An uneven instance; the recursion below follows the seed's semantics with explicit crew
        // locations (no side encoding, no state numbering).
        double[] positions = {0, 1.5, 2, 4, 4.5, 7, 8, 8.5};
        double[] users = {10, 3, 50, 7, 1, 20, 5};
        double[] prior = {0.05, 0.1, 0.2, 0.05, 0.3, 0.1, 0.2};
        double[][] d = new double[8][8];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                d[i][j] = Math.abs(positions[i] - positions[j]);
            }
        }
        SubstationRestorationGenerator g = new SubstationRestorationGenerator(users, d, prior);
        Mdp mdp = g.generate();
        double[] v = TotalRewardIteration.optimalValues(mdp);
        Map<String, Double> memo = new HashMap<>();
        double expected = 0;
        for (int f = 1; f <= 7; f++) {
            double cf = clairvoyant(f, 0, 1, 7, d, users, memo);
            expected += prior[f - 1] * cf;
            assertEquals(cf, v[g.state(f, 0, 1, 7)], 1e-9, "fault " + f);
        }
        assertEquals(expected, v[g.startState()], 1e-9);
    }

    /** Cheapest cost knowing the fault f, crew at k, disconnected [l, r]: direct recursion. */
    private static double clairvoyant(int f, int k, int l, int r, double[][] d, double[] users,
                                      Map<String, Double> memo) {
        if (l == r) {
            return 0;
        }
        String key = f + "," + k + "," + l + "," + r;
        Double known = memo.get(key);
        if (known != null) {
            return known;
        }
        double u = 0;
        for (int i = l; i <= r; i++) {
            u += users[i - 1];
        }
        double best = Double.POSITIVE_INFINITY;
        for (int a = l; a <= r; a++) {
            double rest = a == f ? 0 : f < a ? clairvoyant(f, a, l, a - 1, d, users, memo)
                    : clairvoyant(f, a, a + 1, r, d, users, memo);
            best = Math.min(best, d[k][a] * u + rest);
        }
        memo.put(key, best);
        return best;
    }

    @Test
    void stateCountIsCubicAndMatchesTheFormula() {
        for (int n = 1; n <= SubstationRestorationGenerator.MAX_SUBSTATIONS; n += 3) {
            SubstationRestorationGenerator g = SubstationRestorationGenerator.random(n, n);
            long expected = 2; // START, DONE
            for (int l = 1; l <= n; l++) {
                for (int r = l + 1; r <= n; r++) {
                    int sides = (l >= 2 || r == n ? 1 : 0) + (r < n ? 1 : 0);
                    expected += (long) sides * (r - l + 1);
                }
            }
            Mdp mdp = g.generate();
            assertEquals(expected, mdp.numStates(), "n = " + n);
            assertEquals(1, mdp.numTerminalStates());
        }
    }

    @Test
    void statesSharingAnObservationOfferTheSameActionsAtTheSameCosts() {
        SubstationRestorationGenerator g = SubstationRestorationGenerator.random(9, 3);
        Mdp mdp = g.generate();
        int[] obs = g.observations();
        assertEquals(mdp.numStates(), obs.length);
        Map<Integer, String> signature = new HashMap<>();
        Map<Integer, java.util.Set<String>> faults = new HashMap<>();
        for (int s = 0; s < mdp.numStates(); s++) {
            StringBuilder sig = new StringBuilder();
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                sig.append(mdp.actionLabel(c)).append('=').append(mdp.reward(c)).append(';');
            }
            String previous = signature.putIfAbsent(obs[s], sig.toString());
            if (previous != null) {
                assertEquals(previous, sig.toString(), "state " + g.stateName(s));
            }
            String name = g.stateName(s);
            String withoutFault = name.replaceFirst("fault=\\d+,", "");
            faults.computeIfAbsent(obs[s], o -> new java.util.HashSet<>()).add(withoutFault);
        }
        for (java.util.Set<String> names : faults.values()) {
            assertEquals(1, names.size(), "one observation mixes " + names);
        }
        assertEquals(0, obs[g.startState()]);
        assertEquals(faults.size() - 1, obs[g.doneState()]);
        assertEquals(faults.size(), g.numObservations());
    }

    @Test
    void singleSubstationEndsAtOnce() {
        SubstationRestorationGenerator g = SubstationRestorationGenerator.onLine(new double[] {0, 2}, new double[] {4});
        Mdp mdp = g.generate();
        assertEquals(2, mdp.numStates());
        assertEquals(0.0, TotalRewardIteration.optimalValues(mdp)[0]);
    }

    @Test
    void rejectsBadInstances() {
        assertThrows(IllegalArgumentException.class, () -> SubstationRestorationGenerator.random(20, 1));
        assertThrows(IllegalArgumentException.class, () -> SubstationRestorationGenerator.onLine(new double[] {0, 1},
                new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> new SubstationRestorationGenerator(new double[] {1, -1},
                new double[3][3], new double[] {0.5, 0.5}));
        assertThrows(IllegalArgumentException.class, () -> new SubstationRestorationGenerator(new double[] {1, 1},
                new double[3][3], new double[] {0.5, 0.6}));
    }
}
