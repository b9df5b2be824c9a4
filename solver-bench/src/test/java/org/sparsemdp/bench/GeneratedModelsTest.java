package org.sparsemdp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;

class GeneratedModelsTest {
    @Test
    void sizesFollowTheDocumentedRules() {
        assertEquals(1000, GeneratedModels.generate("forest", 1000).numStates());
        Mdp garnet = GeneratedModels.generate("garnet", 1000); // 4 actions x 8 successors
        assertEquals(1000, garnet.numStates());
        assertEquals(4000, garnet.numChoices());
        assertEquals(32_000, garnet.numTransitions());
        assertEquals(3000, GeneratedModels.generate("forest", 1000).numTransitions());
        assertEquals(200, GeneratedModels.generate("inventory", 200).numStates());
        // 19 substations: 2,265 states (the largest the seed allows), whatever the larger target.
        assertEquals(2265, GeneratedModels.generate("substation", 1_000_000).numStates());
        Mdp grid = GeneratedModels.generate("grid", 10_000); // 100 x 100 cells, about 12 % walls
        assertTrue(grid.numStates() > 8000 && grid.numStates() <= 10_000, "states " + grid.numStates());
    }

    @Test
    void sameParametersSameModel() {
        Mdp a = GeneratedModels.generate("grid", 2500);
        Mdp b = GeneratedModels.generate("grid", 2500);
        assertEquals(a.numTransitions(), b.numTransitions());
        assertEquals(java.util.Arrays.hashCode(a.successorArray()), java.util.Arrays.hashCode(b.successorArray()));
    }

    @Test
    void unknownKindIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeneratedModels.generate("lattice", 10));
        assertTrue(e.getMessage().contains("lattice"), e.getMessage());
    }
}
