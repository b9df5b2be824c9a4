package org.sparsemdp.generate;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;

/**
 * Garnet models ("generic average reward non-stationary environment test-bench", Archibald,
 * McKinnon &amp; Thomas 1995; Bhatnagar, Sutton, Ghavamzadeh &amp; Lee 2009, "Natural
 * actor–critic algorithms", Automatica 45): every state has {@code actions} choices, each with
 * {@code branching} distinct successors drawn uniformly among all states, probabilities uniform
 * on the simplex, reward uniform in [0, 1); the objective is to maximise. Successors are random,
 * so the state graph has no locality: the worst case for cache-friendly sweeps.
 *
 * <p>Deterministic for a given seed: all states are drawn from one random stream, in state order
 * (the models of {@code datasets/garnet} and {@code sparsemdp generate garnet}).
 * {@link SeededGarnetGenerator#generateBlockwise} draws models of the same distribution from
 * per-state streams, so that blocks can be generated separately: other numbers for the same seed. Streams the choices into an {@link MdpBuilder}; the model
 * takes 12 bytes per transition; the builder reserves the exact sizes, so no second copy is made.
 */
public final class GarnetGenerator {
    private GarnetGenerator() {
    }

    /**
     * A Garnet model.
     *
     * @param branching successors per choice, at most {@code states}
     * @throws IllegalArgumentException if a size is not positive or branching &gt; states
     */
    public static Mdp generate(int states, int actions, int branching, double discount, long seed) {
        RandomChoices.check(states, actions, branching, states);
        String[] labels = RandomChoices.labels(actions);
        RandomChoices choices = new RandomChoices(seed, branching);
        MdpBuilder builder = new MdpBuilder(states).discount(discount).objective(Objective.MAXIMIZE)
                .ensureCapacity((long) states * actions, (long) states * actions * branching); // exact: no growth, no trim
        for (int s = 0; s < states; s++) {
            for (int a = 0; a < actions; a++) {
                choices.addChoice(builder, s, labels[a], states, 0, states);
            }
        }
        return builder.build();
    }
}
