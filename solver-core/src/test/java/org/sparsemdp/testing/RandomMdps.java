package org.sparsemdp.testing;

import java.util.SplittableRandom;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;

/** Seeded random models for tests (small, with varied structure). */
public final class RandomMdps {
    private RandomMdps() {
    }

    /**
     * A random model: each state has 1..maxActions choices (a fraction of states are terminal when
     * {@code terminalFraction > 0}), each choice 1..maxBranching distinct successors with random
     * probabilities, rewards uniform in [−10, 10].
     */
    public static Mdp random(long seed, int states, int maxActions, int maxBranching, double gamma,
                             Objective objective, double terminalFraction) {
        SplittableRandom rnd = new SplittableRandom(seed);
        MdpBuilder b = new MdpBuilder(states).discount(gamma).objective(objective);
        for (int s = 0; s < states; s++) {
            if (s > 0 && rnd.nextDouble() < terminalFraction) {
                continue;
            }
            int actions = 1 + rnd.nextInt(maxActions);
            for (int a = 0; a < actions; a++) {
                int branching = 1 + rnd.nextInt(Math.min(maxBranching, states));
                b.startChoice(s, "a" + a, -10 + 20 * rnd.nextDouble());
                double[] w = new double[branching];
                double total = 0;
                for (int i = 0; i < branching; i++) {
                    w[i] = 0.05 + rnd.nextDouble();
                    total += w[i];
                }
                for (int i = 0; i < branching; i++) {
                    b.addTransition(rnd.nextInt(states), w[i] / total);
                }
                b.finishChoice();
            }
        }
        return b.build();
    }

    /** A random model without terminal states. */
    public static Mdp random(long seed, int states, int maxActions, int maxBranching, double gamma,
                             Objective objective) {
        return random(seed, states, maxActions, maxBranching, gamma, objective, 0.0);
    }
}
