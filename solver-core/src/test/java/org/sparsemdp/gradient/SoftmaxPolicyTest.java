package org.sparsemdp.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsemdp.model.DeterministicPolicy;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.StochasticPolicy;

/** Softmax probabilities, rounding, and the validation of observation maps. */
class SoftmaxPolicyTest {
    /** States 0, 1, 2 with the given labels; state 3 terminal. */
    static Mdp labelled(String[]... labels) {
        MdpBuilder b = new MdpBuilder(labels.length + 1);
        for (int s = 0; s < labels.length; s++) {
            for (String l : labels[s]) {
                b.startChoice(s, l, 1.0).addTransition(labels.length, 1.0).finishChoice();
            }
        }
        return b.build();
    }

    @Test
    void stableSoftmaxWithHugeLogits() {
        Mdp mdp = labelled(new String[] {"a", "b", "c"});
        TabularSoftmax f = TabularSoftmax.perChoice(mdp);
        double[] p = new double[3];
        f.probabilities(new double[] {1000, 1000 + Math.log(3), 0}, p); // exp(1000) overflows unshifted
        assertEquals(0.25, p[0], 1e-12); // 1000 + log 3 is rounded to a multiple of 1.1e-13
        assertEquals(0.75, p[1], 1e-12);
        assertEquals(0.0, p[2], 1e-300); // exp(-1001) underflows to 0
        f.probabilities(new double[] {0, 0, 0}, p);
        assertEquals(1.0 / 3, p[2], 1e-15);
        assertEquals(StochasticPolicy.uniform(mdp), f.policy(f.zeros()));
        assertEquals(DeterministicPolicy.of(mdp, new int[] {1, -1}), f.mostLikely(new double[] {0, 2, 1}));
        assertEquals(DeterministicPolicy.of(mdp, new int[] {0, -1}), f.mostLikely(new double[] {1, 1, 1}),
                "ties go to the first choice");
        assertThrows(IllegalArgumentException.class, () -> f.policy(new double[] {Double.NaN, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> f.policy(new double[] {0, 0}));
    }

    @Test
    void observationsShareParametersByLabel() {
        Mdp mdp = labelled(new String[] {"a", "b"}, new String[] {"c"}, new String[] {"b", "a"});
        TabularSoftmax f = TabularSoftmax.overObservations(mdp, new int[] {7, 9, 7, 7}); // terminal may share 7
        assertEquals(3, f.numParameters());
        assertEquals(2, f.numObservations());
        // state 2 lists b, a: its choices 3 ("b") and 4 ("a") read the parameters of state 0's b and a
        assertEquals(1, f.parameterOf(3));
        assertEquals(0, f.parameterOf(4));
        double[] p = new double[5];
        f.probabilities(new double[] {Math.log(3), 0, 5}, p);
        assertEquals(0.75, p[0], 1e-15);
        assertEquals(0.25, p[3], 1e-15);
        assertEquals(0.75, p[4], 1e-15);
        assertEquals(1.0, p[2], 0);
    }

    @Test
    void observationMapsAreValidated() {
        Mdp differentLabels = labelled(new String[] {"a", "b"}, new String[] {"a", "c"});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TabularSoftmax.overObservations(differentLabels, new int[] {1, 1, 0}));
        assertTrue(e.getMessage().contains("states 0 and 1 share observation 1") && e.getMessage().contains("'c'"),
                e.getMessage());
        Mdp differentCounts = labelled(new String[] {"a", "b"}, new String[] {"a"});
        e = assertThrows(IllegalArgumentException.class,
                () -> TabularSoftmax.overObservations(differentCounts, new int[] {4, 4, 4}));
        assertTrue(e.getMessage().contains("2 and 1 actions"), e.getMessage());
        Mdp duplicate = labelled(new String[] {"a", "a"});
        e = assertThrows(IllegalArgumentException.class,
                () -> TabularSoftmax.overObservations(duplicate, new int[] {0, 0}));
        assertTrue(e.getMessage().contains("two actions labelled 'a'"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TabularSoftmax.overObservations(duplicate, new int[] {0}));
    }

    @Test
    void linearFeaturesAreChecked() {
        Mdp mdp = labelled(new String[] {"a", "b"});
        assertThrows(IllegalArgumentException.class, () -> LinearSoftmax.of(mdp, 2, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> LinearSoftmax.of(mdp, 1, new double[] {0, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> LinearSoftmax.of(mdp, 0, new double[0]));
        LinearSoftmax f = LinearSoftmax.of(mdp, 2, new double[] {1, 0, 0, 1});
        double[] p = new double[2];
        f.probabilities(new double[] {Math.log(2), 0}, p);
        assertEquals(2.0 / 3, p[0], 1e-15);
    }
}
