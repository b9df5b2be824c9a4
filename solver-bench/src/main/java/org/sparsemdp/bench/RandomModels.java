package org.sparsemdp.bench;

import java.util.SplittableRandom;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;

/**
 * Seeded random benchmark models: every state has exactly {@code actions} choices, each with
 * {@code successors} distinct uniformly drawn successors (random probabilities) and a cost
 * uniform in [0, 10]; minimise. The shape of the models on which the first LP
 * measurements were made (4 actions, 4 successors, γ = 0.95).
 */
public final class RandomModels {
    private RandomModels() {
    }

    /** The model for the given seed and sizes. */
    public static Mdp random(long seed, int states, int actions, int successors, double gamma) {
        SplittableRandom rnd = new SplittableRandom(seed);
        MdpBuilder b = new MdpBuilder(states).discount(gamma).objective(Objective.MINIMIZE);
        int[] succ = new int[successors];
        double[] prob = new double[successors];
        for (int s = 0; s < states; s++) {
            for (int a = 0; a < actions; a++) {
                double total = 0;
                for (int i = 0; i < successors; i++) {
                    succ[i] = rnd.nextInt(states);
                    prob[i] = 0.05 + rnd.nextDouble();
                    total += prob[i];
                }
                for (int i = 0; i < successors; i++) {
                    prob[i] /= total;
                }
                b.addChoice(s, Integer.toString(a), 10 * rnd.nextDouble(), succ, prob);
            }
        }
        return b.build();
    }
}
