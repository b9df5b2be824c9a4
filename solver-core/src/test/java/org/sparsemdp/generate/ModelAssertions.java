package org.sparsemdp.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.sparsemdp.model.Mdp;

/** Equality of two models: sizes, header, every choice's label and reward, every transition. */
final class ModelAssertions {
    private ModelAssertions() {
    }

    static void assertSameModel(Mdp expected, Mdp actual) {
        assertEquals(expected.numStates(), actual.numStates(), "states");
        assertEquals(expected.numChoices(), actual.numChoices(), "choices");
        assertEquals(expected.numTransitions(), actual.numTransitions(), "transitions");
        assertEquals(expected.objective(), actual.objective(), "objective");
        assertEquals(expected.discount(), actual.discount(), "discount");
        assertArrayEquals(expected.initialStates(), actual.initialStates(), "initial states");
        assertArrayEquals(expected.choiceStartArray(), actual.choiceStartArray(), "choice starts");
        assertArrayEquals(expected.transitionStartArray(), actual.transitionStartArray(), "transition starts");
        assertArrayEquals(expected.successorArray(), actual.successorArray(), "successors");
        assertArrayEquals(expected.probabilityArray(), actual.probabilityArray(), "probabilities");
        assertArrayEquals(expected.rewardArray(), actual.rewardArray(), "rewards");
        for (int c = 0; c < expected.numChoices(); c++) {
            assertEquals(expected.actionLabel(c), actual.actionLabel(c), "label of choice " + c);
        }
    }
}
