package org.sparsemdp.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MdpBuilderTest {
    @Test
    void choicesInAnyStateOrderAreSortedStablyByState() {
        MdpBuilder b = new MdpBuilder(3);
        b.addChoice(2, "x", 1, new int[] {0}, new double[] {1});
        b.addChoice(0, "a", 2, new int[] {1}, new double[] {1});
        b.addChoice(2, "y", 3, new int[] {1}, new double[] {1});
        b.addChoice(0, "b", 4, new int[] {2}, new double[] {1});
        Mdp m = b.build();
        assertEquals(4, m.numChoices());
        assertArrayEquals(new int[] {0, 2, 2, 4}, m.choiceStartArray());
        assertEquals("a", m.actionLabel(0));
        assertEquals("b", m.actionLabel(1));
        assertEquals("x", m.actionLabel(2));
        assertEquals("y", m.actionLabel(3));
        assertArrayEquals(new double[] {2, 4, 1, 3}, m.rewardArray());
        assertTrue(m.isTerminal(1));
        assertEquals(2, m.stateOfChoice(3));
        assertEquals(0, m.stateOfChoice(1));
    }

    @Test
    void duplicateSuccessorsAreMergedAndSorted() {
        MdpBuilder b = new MdpBuilder(4);
        b.addChoice(0, "a", 0, new int[] {3, 1, 3, 2, 1}, new double[] {0.1, 0.2, 0.3, 0.15, 0.25});
        Mdp m = b.build();
        assertArrayEquals(new int[] {1, 2, 3}, m.successorArray());
        assertArrayEquals(new double[] {0.45, 0.15, 0.4}, m.probabilityArray(), 1e-15);
    }

    @Test
    void zeroProbabilitiesAreDropped() {
        MdpBuilder b = new MdpBuilder(3);
        b.addChoice(0, "a", 0, new int[] {1, 2}, new double[] {0.0, 1.0});
        Mdp m = b.build();
        assertArrayEquals(new int[] {2}, m.successorArray());
    }

    @Test
    void rowsWithinToleranceAreRenormalisedIdempotently() {
        MdpBuilder b = new MdpBuilder(2).probabilityTolerance(1e-5);
        b.addChoice(0, "a", 0, new int[] {0, 1}, new double[] {0.333333, 0.666666});
        Mdp m = b.build();
        double sum = m.probability(0) + m.probability(1);
        assertEquals(1.0, sum, 1e-15);
        // Feeding the stored row back must not change a single bit.
        MdpBuilder again = new MdpBuilder(2).probabilityTolerance(1e-5);
        again.addChoice(0, "a", 0, new int[] {0, 1}, new double[] {m.probability(0), m.probability(1)});
        assertArrayEquals(m.probabilityArray(), again.build().probabilityArray(), 0.0);
    }

    @Test
    void invalidChoicesNameTheState() {
        MdpBuilder b = new MdpBuilder(3);
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> b.addChoice(1, "a", 0, new int[] {0, 1}, new double[] {0.5, 0.4}));
        assertTrue(e.getMessage().contains("state 1") && e.getMessage().contains("sum to"), e.getMessage());
        e = assertThrows(InvalidModelException.class, () -> b.addChoice(2, "a", 0, new int[] {3}, new double[] {1}));
        assertTrue(e.getMessage().contains("successor 3 out of range"), e.getMessage());
        e = assertThrows(InvalidModelException.class, () -> b.addChoice(0, "a", 0, new int[] {1}, new double[] {1.5}));
        assertTrue(e.getMessage().contains("not in [0, 1]"), e.getMessage());
        e = assertThrows(InvalidModelException.class,
                () -> b.addChoice(0, "a", Double.NaN, new int[] {1}, new double[] {1}));
        assertTrue(e.getMessage().contains("not finite"), e.getMessage());
        e = assertThrows(InvalidModelException.class, () -> b.addChoice(5, "a", 0, new int[] {1}, new double[] {1}));
        assertTrue(e.getMessage().contains("state 5 out of range"), e.getMessage());
        e = assertThrows(InvalidModelException.class, () -> b.addChoice(0, "a", 0, new int[] {1}, new double[] {0}));
        assertTrue(e.getMessage().contains("at least one transition"), e.getMessage());
        // Failed choices leave no trace: the builder still builds the valid remainder.
        b.addChoice(0, "ok", 1, new int[] {1}, new double[] {1});
        Mdp m = b.build();
        assertEquals(1, m.numChoices());
        assertEquals(1, m.numTransitions());
    }

    @Test
    void inferredStateCountCoversSuccessors() {
        MdpBuilder b = new MdpBuilder();
        b.addChoice(0, "a", 0, new int[] {7}, new double[] {1});
        Mdp m = b.build();
        assertEquals(8, m.numStates());
        assertEquals(7, m.numTerminalStates());
    }

    @Test
    void fromArraysRejectsBrokenInvariants() {
        assertThrows(InvalidModelException.class, () -> Mdp.fromArrays(2, new int[] {0, 1, 1}, new int[] {0, 2},
                new int[] {1, 0}, new double[] {0.5, 0.5}, new double[] {0}, new int[] {-1},
                java.util.List.of(), Objective.MINIMIZE, 0.9, new int[] {0}));
        assertThrows(InvalidModelException.class, () -> Mdp.fromArrays(2, new int[] {0, 1, 1}, new int[] {0, 1},
                new int[] {1}, new double[] {1}, new double[] {0}, new int[] {-1}, java.util.List.of(),
                Objective.MINIMIZE, 1.5, new int[] {0}));
    }

    @Test
    void memoryIsAboutTwelveBytesPerTransition() {
        MdpBuilder b = new MdpBuilder(1000);
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int s = 0; s < 1000; s++) {
            b.startChoice(s, null, 0);
            for (int k = 0; k < 8; k++) {
                b.addTransition(r.nextInt(1000), 0.125);
            }
            b.finishChoice();
        }
        Mdp m = b.build();
        double perTransition = (double) m.memoryBytes() / m.numTransitions();
        // 12 per transition + 16 per choice (8 transitions each, minus merged duplicates) + 4 per state.
        assertTrue(perTransition > 12 && perTransition < 15.5, "bytes per transition " + perTransition);
    }
}
