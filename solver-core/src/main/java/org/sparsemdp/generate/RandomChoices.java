package org.sparsemdp.generate;

import java.util.SplittableRandom;
import org.sparsemdp.model.MdpBuilder;

/**
 * The random choice shared by the Garnet-type generators: {@code branching} distinct successors
 * drawn uniformly from a window of states, probabilities given by the gaps between
 * {@code branching − 1} sorted uniform cut points of [0, 1] (a uniform point of the simplex),
 * reward uniform in [0, 1). Scratch arrays are reused from choice to choice.
 */
final class RandomChoices {
    private final SplittableRandom random;
    private final int[] targets;
    private final double[] cuts;
    private final double[] probabilities;

    RandomChoices(long seed, int branching) {
        this(new SplittableRandom(seed), branching);
    }

    /** Draws from {@code random} (which may be replaced per state by {@link #draw}). */
    RandomChoices(SplittableRandom random, int branching) {
        this.random = random;
        this.targets = new int[branching];
        this.cuts = new double[branching + 1];
        this.probabilities = new double[branching];
    }

    /**
     * Adds one choice of {@code state} to {@code builder} whose successors are
     * {@code (first + i) mod states} for {@code branching} distinct offsets i drawn from
     * [0, window) by Floyd's sampling algorithm (Bentley &amp; Floyd 1987, "A sample of
     * brilliance", CACM 30(9)); {@code window ≥ branching}.
     */
    void addChoice(MdpBuilder builder, int state, String label, int states, int first, int window) {
        double reward = draw(random, states, first, window);
        builder.startChoice(state, label, reward);
        for (int i = 0; i < targets.length; i++) {
            builder.addTransition(targets[i], probabilities[i]);
        }
        builder.finishChoice();
    }

    /**
     * Draws one choice from {@code rnd} as {@link #addChoice} does (same draws in the same order):
     * afterwards {@link #targets()} holds the successors (distinct, in drawing order) and
     * {@link #probabilities()} their probabilities.
     *
     * @return the reward, uniform in [0, 1)
     */
    double draw(SplittableRandom rnd, int states, int first, int window) {
        final int b = targets.length;
        int count = 0;
        for (int j = window - b; j < window; j++) {
            int t = rnd.nextInt(j + 1);
            if (contains(count, t)) {
                t = j;
            }
            targets[count++] = t;
        }
        cuts[0] = 0.0;
        cuts[b] = 1.0;
        for (int i = 1; i < b; i++) { // insertion sort of the b − 1 cut points, b is small
            double x = rnd.nextDouble();
            int k = i;
            while (k > 1 && cuts[k - 1] > x) {
                cuts[k] = cuts[k - 1];
                k--;
            }
            cuts[k] = x;
        }
        double reward = rnd.nextDouble();
        for (int i = 0; i < b; i++) {
            targets[i] = Math.floorMod(first + targets[i], states);
            probabilities[i] = cuts[i + 1] - cuts[i];
        }
        return reward;
    }

    /** Successors of the last {@link #draw}. */
    int[] targets() {
        return targets;
    }

    /** Probabilities of the last {@link #draw}, parallel to {@link #targets()}. */
    double[] probabilities() {
        return probabilities;
    }

    private boolean contains(int count, int t) {
        for (int i = 0; i < count; i++) {
            if (targets[i] == t) {
                return true;
            }
        }
        return false;
    }

    static void check(int states, int actions, int branching, int window) {
        if (states < 1 || actions < 1 || branching < 1) {
            throw new IllegalArgumentException("states, actions and branching must be positive, got " + states + ", "
                    + actions + ", " + branching);
        }
        if (branching > window) {
            throw new IllegalArgumentException("branching " + branching + " exceeds the " + window
                    + " states a choice can reach");
        }
    }

    static String[] labels(int actions) {
        String[] labels = new String[actions];
        for (int a = 0; a < actions; a++) {
            labels[a] = "a" + a;
        }
        return labels;
    }
}
