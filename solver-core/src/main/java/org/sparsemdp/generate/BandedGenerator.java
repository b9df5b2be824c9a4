package org.sparsemdp.generate;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;

/**
 * Garnet-type models with local successors: as {@link GarnetGenerator}, but the successors of a
 * choice of state s are drawn among the states s − w .. s + w (modulo the number of states), w
 * being the half bandwidth. Such banded transition matrices are the local case for sweeps (the
 * values read stay in cache), like grid worlds in state order.
 *
 * <p>Deterministic for a given seed; streams into an {@link MdpBuilder}.
 */
public final class BandedGenerator {
    private BandedGenerator() {
    }

    /**
     * A banded model.
     *
     * @param halfBandwidth w ≥ 0; successors lie within distance w (cyclically) of their state,
     *                      and branching ≤ min(2w + 1, states)
     * @throws IllegalArgumentException if a size is not positive or the band is too narrow
     */
    public static Mdp generate(int states, int actions, int branching, int halfBandwidth, double discount,
                               long seed) {
        if (halfBandwidth < 0) {
            throw new IllegalArgumentException("half bandwidth must be non-negative, got " + halfBandwidth);
        }
        return skewed(states, actions, branching, halfBandwidth, halfBandwidth, discount, seed);
    }

    /**
     * A banded model whose band is lopsided: the successors of a choice of state s are drawn
     * among the states s − behind .. s + ahead (modulo the number of states). With ahead = 0
     * nearly every transition leads to a lower-numbered state (the values flow in the direction of
     * a Gauss–Seidel sweep, as in a model numbered from its absorbing end); behind = ahead gives
     * {@link #generate}'s symmetric band. Deterministic for a given seed.
     *
     * @throws IllegalArgumentException if a size is negative or not positive, or the band is too narrow
     */
    public static Mdp skewed(int states, int actions, int branching, int behind, int ahead, double discount,
                             long seed) {
        if (behind < 0 || ahead < 0) {
            throw new IllegalArgumentException("band sides must be non-negative, got " + behind + " and " + ahead);
        }
        int window = (int) Math.min(states, (long) behind + ahead + 1);
        RandomChoices.check(states, actions, branching, window);
        String[] labels = RandomChoices.labels(actions);
        RandomChoices choices = new RandomChoices(seed, branching);
        MdpBuilder builder = new MdpBuilder(states).discount(discount).objective(Objective.MAXIMIZE)
                .ensureCapacity((long) states * actions, (long) states * actions * branching);
        for (int s = 0; s < states; s++) {
            int first = window == states ? 0 : s - behind;
            for (int a = 0; a < actions; a++) {
                choices.addChoice(builder, s, labels[a], states, first, window);
            }
        }
        return builder.build();
    }
}
