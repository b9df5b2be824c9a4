package org.sparsemdp.testing;

import java.util.SplittableRandom;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;

/** Small models with answers known from outside the library, built for tests. */
public final class ReferenceModels {
    /** Exact optimal values of {@link #inventory()} (seed lab, /work/shared/seeds/inventory-lab.md). */
    public static final double[] INVENTORY_VALUES = {1290.0 / 49, 1290.0 / 49, 1130.0 / 49, 1115.0 / 49};
    /** Optimal production per state of {@link #inventory()}. */
    public static final String[] INVENTORY_POLICY = {"4", "3", "0", "0"};
    /** Exact optimal values of {@link #forest()} (pymdptoolbox forest example, S = 3). */
    public static final double[] FOREST_VALUES = {6561.0 / 250, 7371.0 / 250, 8371.0 / 250};

    private ReferenceModels() {
    }

    /**
     * The inventory lab: states 0..3 = starting inventory; produce x units with 2 ≤ s + x ≤ 4;
     * cost (x &gt; 0 ? 4 : 0) + x + s; demand 1 or 2 with probability 1/2 each; β = 0.8; minimise.
     */
    public static Mdp inventory() {
        MdpBuilder b = new MdpBuilder(4).discount(0.8).objective(Objective.MINIMIZE);
        for (int s = 0; s <= 3; s++) {
            for (int x = 0; x <= 4; x++) {
                if (s + x < 2 || s + x > 4) {
                    continue;
                }
                double cost = (x > 0 ? 4 : 0) + x + s;
                b.startChoice(s, Integer.toString(x), cost);
                b.addTransition(s + x - 1, 0.5);
                b.addTransition(s + x - 2, 0.5);
                b.finishChoice();
            }
        }
        return b.build();
    }

    /**
     * The pymdptoolbox forest-management example with S = 3, r1 = 4, r2 = 2, p = 0.1, γ = 0.9,
     * maximise: action "wait" grows the forest (burns to state 0 with probability p), action
     * "cut" returns to state 0.
     */
    public static Mdp forest() {
        int n = 3;
        double p = 0.1;
        MdpBuilder b = new MdpBuilder(n).discount(0.9).objective(Objective.MAXIMIZE);
        for (int s = 0; s < n; s++) {
            b.startChoice(s, "wait", s == n - 1 ? 4 : 0);
            b.addTransition(Math.min(s + 1, n - 1), 1 - p);
            b.addTransition(0, p);
            b.finishChoice();
            b.startChoice(s, "cut", s == 0 ? 0 : s == n - 1 ? 2 : 1);
            b.addTransition(0, 1.0);
            b.finishChoice();
        }
        return b.build();
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
