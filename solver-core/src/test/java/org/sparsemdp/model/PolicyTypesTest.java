package org.sparsemdp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsemdp.testing.RandomMdps;

class PolicyTypesTest {

    @Test
    void deterministicProbabilityIsOneExactlyForTheChosenChoices() {
        Mdp mdp = RandomMdps.random(7, 50, 4, 3, 0.9, Objective.MINIMIZE, 0.3);
        int[] choice = new int[mdp.numStates()];
        for (int s = 0; s < mdp.numStates(); s++) {
            choice[s] = mdp.isTerminal(s) ? -1 : mdp.choiceEnd(s) - 1;
        }
        DeterministicPolicy d = DeterministicPolicy.of(mdp, choice);
        StochasticPolicy sp = d.toStochastic();
        for (int c = 0; c < mdp.numChoices(); c++) {
            int s = mdp.stateOfChoice(c);
            double expected = choice[s] == c ? 1 : 0;
            assertEquals(expected, d.probability(c), "choice " + c);
            assertEquals(expected, sp.probability(c));
        }
    }

    @Test
    void invalidPoliciesAreRejectedNamingTheState() {
        Mdp mdp = RandomMdps.random(7, 10, 3, 3, 0.9, Objective.MINIMIZE);
        int[] choice = DeterministicPolicy.firstChoices(mdp).choices();
        choice[4] = mdp.choiceStart(5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeterministicPolicy.of(mdp, choice));
        assertTrue(e.getMessage().startsWith("state 4: choice"), e.getMessage());
        double[] p = StochasticPolicy.uniform(mdp).probabilities();
        p[mdp.choiceStart(3)] += 0.01;
        e = assertThrows(IllegalArgumentException.class, () -> StochasticPolicy.of(mdp, p));
        assertTrue(e.getMessage().startsWith("state 3: action probabilities sum to"), e.getMessage());
        double[] q = StochasticPolicy.uniform(mdp).probabilities();
        q[0] = -0.5;
        assertThrows(IllegalArgumentException.class, () -> StochasticPolicy.of(mdp, q));
        Mdp other = RandomMdps.random(8, 11, 3, 3, 0.9, Objective.MINIMIZE);
        assertThrows(IllegalArgumentException.class, () -> StochasticPolicy.uniform(other).checkFits(mdp));
    }

    @Test
    void nearlyNormalisedRowsAreRenormalised() {
        Mdp mdp = RandomMdps.random(2, 5, 3, 3, 0.9, Objective.MINIMIZE);
        double[] p = StochasticPolicy.uniform(mdp).probabilities();
        for (int c = 0; c < p.length; c++) {
            p[c] *= 1 + 5e-10;
        }
        StochasticPolicy sp = StochasticPolicy.of(mdp, p);
        for (int s = 0; s < mdp.numStates(); s++) {
            double sum = 0;
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                sum += sp.probability(c);
            }
            assertEquals(1.0, sum, 1e-15);
        }
    }
}
