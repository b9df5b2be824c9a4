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

    /**
     * A random model made of {@code blocks} blocks of 1..maxBlock states, each block strongly
     * connected inside (a cycle plus random edges) and with random edges into later blocks only,
     * so its components are exactly the blocks, in a chain of dependencies. A fraction of the
     * choices leave their block, some states are terminal.
     */
    public static Mdp layered(long seed, int blocks, int maxBlock, double gamma, Objective objective) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] start = new int[blocks + 1];
        for (int i = 0; i < blocks; i++) {
            start[i + 1] = start[i] + 1 + rnd.nextInt(maxBlock);
        }
        int n = start[blocks] + 1; // plus one terminal state at the end
        MdpBuilder b = new MdpBuilder(n).discount(gamma).objective(objective);
        for (int blk = 0; blk < blocks; blk++) {
            int from = start[blk];
            int size = start[blk + 1] - from;
            for (int s = from; s < from + size; s++) {
                int actions = 1 + rnd.nextInt(3);
                for (int a = 0; a < actions; a++) {
                    b.startChoice(s, "a" + a, -5 + 10 * rnd.nextDouble());
                    int cycleNext = from + (s - from + 1) % size;
                    boolean leave = rnd.nextInt(3) == 0;
                    if (a == 0 && size > 1) {
                        b.addTransition(cycleNext, leave ? 0.5 : 1.0);
                    } else {
                        b.addTransition(from + rnd.nextInt(size), leave ? 0.5 : 1.0);
                    }
                    if (leave) {
                        int target = start[blk + 1] + rnd.nextInt(n - start[blk + 1]);
                        b.addTransition(target, 0.5);
                    }
                    b.finishChoice();
                }
            }
        }
        return b.build();
    }
}
