package org.sparsemdp.generate;

import java.util.SplittableRandom;
import org.sparsemdp.model.CanonicalRows;
import org.sparsemdp.model.CompactMdp;
import org.sparsemdp.model.CompactMdpBuilder;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;

/**
 * Garnet models (as {@link GarnetGenerator}: {@code actions} choices per state, each with
 * {@code branching} distinct successors uniform among all states, probabilities uniform on the
 * simplex, reward uniform in [0, 1), maximise) whose randomness is <em>per state</em>: the
 * choices of state s are drawn from a {@link SplittableRandom} seeded by a hash of (seed, s)
 * alone. So any block of states [from, to) can be generated on its own, on any machine, in any
 * order, and the blocks of any partition put together give exactly the model that
 * {@link #generateBlockwise} builds in one piece. This is what a distributed solver needs to build a
 * model too large for one machine where it is used.
 *
 * <p>The models have the same distribution as {@link GarnetGenerator}'s but <b>not the same
 * numbers for the same seed</b> ({@link GarnetGenerator} draws all states from one stream); the
 * whole-model method is therefore named {@link #generateBlockwise}, not {@code generate}. Both
 * keep their numbers: {@link GarnetGenerator} those of the data sets and of
 * {@code sparsemdp generate garnet}, this class those of the Spark solver's generated models.
 * {@link #generateBlock} hands each choice over exactly as the {@link MdpBuilder} would store it:
 * successors strictly increasing, the row renormalised when its sum is off by more than
 * {@link MdpBuilder#RENORMALISE_THRESHOLD}.
 */
public final class SeededGarnetGenerator {
    private SeededGarnetGenerator() {
    }

    /** Receives the choices of a block, in state order and, per state, in action order. */
    @FunctionalInterface
    public interface ChoiceSink {
        /**
         * One choice; the arrays (length {@code branching}, successors strictly increasing) are
         * reused for the next choice, so copy what must be kept.
         */
        void accept(int state, int action, double reward, int[] successors, double[] probabilities);
    }

    /**
     * The action labels of the models: label {@code a} of every state is element {@code a}
     * (for a distributed copy of a model whose blocks are generated apart).
     */
    public static String[] actionLabels(int actions) {
        return RandomChoices.labels(actions);
    }

    /**
     * The whole model, built through an {@link MdpBuilder} from {@link #generateBlock} over all
     * states. Its numbers differ from those of {@link GarnetGenerator#generate} for the same
     * arguments (per-state streams instead of one stream), hence the distinct name.
     *
     * @throws IllegalArgumentException if a size is not positive or branching &gt; states
     */
    public static Mdp generateBlockwise(int states, int actions, int branching, double discount, long seed) {
        RandomChoices.check(states, actions, branching, states);
        String[] labels = RandomChoices.labels(actions);
        MdpBuilder builder = new MdpBuilder(states).discount(discount).objective(Objective.MAXIMIZE)
                .ensureCapacity((long) states * actions, (long) states * actions * branching);
        generateBlock(states, actions, branching, seed, 0, states,
                (s, a, r, succ, prob) -> builder.addChoice(s, labels[a], r, succ, prob));
        return builder.build();
    }

    /**
     * The model {@link #generateBlockwise} builds, streamed straight into compact storage
     * ({@link CompactMdp#of} of it, without ever holding the double model): 9 bytes per transition
     * for 8 successors. The arrays are allocated once at their exact size.
     *
     * @throws IllegalArgumentException if a size is not positive, branching &gt; states, or the
     *                                  model has 2<sup>31</sup> − 8 transitions or more
     */
    public static CompactMdp generateCompact(int states, int actions, int branching, double discount, long seed) {
        RandomChoices.check(states, actions, branching, states);
        CompactMdpBuilder builder = new CompactMdpBuilder(states, java.util.Arrays.asList(RandomChoices.labels(actions)))
                .discount(discount).objective(Objective.MAXIMIZE)
                .capacity((long) states * actions, (long) states * actions * branching);
        generateBlock(states, actions, branching, seed, 0, states,
                (s, a, r, succ, prob) -> builder.addChoice(s, a, r, succ, prob, branching));
        return builder.build();
    }

    /**
     * {@link #generateBlockwise}, under a name that read as if it were {@link GarnetGenerator#generate}
     * (same signature, different model for the same seed).
     *
     * @deprecated use {@link #generateBlockwise}, which builds the same model; for the reference
     *             Garnet models of the data sets and the command line use {@link GarnetGenerator#generate}
     */
    @Deprecated
    public static Mdp generate(int states, int actions, int branching, double discount, long seed) {
        return generateBlockwise(states, actions, branching, discount, seed);
    }

    /**
     * Generates the choices of states [from, to) of the model {@link #generateBlockwise} would build with
     * the same parameters, and passes them to {@code sink}. Memory: O(branching).
     *
     * @throws IllegalArgumentException if a size is not positive, branching &gt; states or the
     *                                  block is not within [0, states]
     */
    public static void generateBlock(int states, int actions, int branching, long seed, int from, int to,
                                     ChoiceSink sink) {
        RandomChoices.check(states, actions, branching, states);
        if (from < 0 || to > states || from > to) {
            throw new IllegalArgumentException("block [" + from + ", " + to + ") is not within [0, " + states + ")");
        }
        RandomChoices choices = new RandomChoices(seed, branching);
        int[] succ = choices.targets();
        double[] prob = choices.probabilities();
        long base = mix64(seed);
        for (int s = from; s < to; s++) {
            SplittableRandom random = new SplittableRandom(mix64(base + s));
            for (int a = 0; a < actions; a++) {
                double reward = choices.draw(random, states, 0, states);
                CanonicalRows.sortBySuccessor(succ, prob, 0, branching);
                double sum = 0;
                for (int i = 0; i < branching; i++) {
                    sum += prob[i];
                }
                if (Math.abs(sum - 1.0) > MdpBuilder.RENORMALISE_THRESHOLD) {
                    for (int i = 0; i < branching; i++) {
                        prob[i] /= sum;
                    }
                }
                sink.accept(s, a, reward, succ, prob);
            }
        }
    }

    /** Stafford's variant 13 of the MurmurHash3 64-bit finaliser (as in SplittableRandom). */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
