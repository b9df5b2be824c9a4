package org.sparsemdp.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MdpBuilderCapacityTest {
    private static MdpBuilder fill(MdpBuilder b) {
        for (int s = 0; s < 3; s++) {
            b.addChoice(s, "a", s, new int[] {s, (s + 1) % 3}, new double[] {0.25, 0.75});
            b.addChoice(s, "b", -s, new int[] {0}, new double[] {1});
        }
        return b;
    }

    @Test
    void exactCapacityGivesTheSameModelWithoutTrimmingCopies() {
        Mdp plain = fill(new MdpBuilder(3)).build();
        MdpBuilder reserved = new MdpBuilder(3).ensureCapacity(6, 9);
        Mdp exact = fill(reserved).build();
        assertArrayEquals(plain.successorArray(), exact.successorArray());
        assertArrayEquals(plain.probabilityArray(), exact.probabilityArray());
        assertArrayEquals(plain.rewardArray(), exact.rewardArray());
        assertArrayEquals(plain.transitionStartArray(), exact.transitionStartArray());
        assertEquals(9, exact.successorArray().length);
        assertEquals(6, exact.rewardArray().length);
    }

    @Test
    void capacityIsOnlyAHint() {
        Mdp small = fill(new MdpBuilder(3).ensureCapacity(1, 1)).build();
        Mdp large = fill(new MdpBuilder(3).ensureCapacity(100, 1000)).build();
        assertEquals(9, small.successorArray().length);
        assertEquals(9, large.successorArray().length, "trimmed to the exact size");
        assertArrayEquals(small.successorArray(), large.successorArray());
    }

    @Test
    void rejectsImpossibleCapacities() {
        MdpBuilder b = new MdpBuilder(3);
        assertThrows(IllegalArgumentException.class, () -> b.ensureCapacity(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> b.ensureCapacity(0, 1L << 31));
        assertSame(b, b.ensureCapacity(0, 0));
    }
}
