package org.sparsemdp.bench;

import org.sparsemdp.generate.BandedGenerator;
import org.sparsemdp.generate.GarnetGenerator;
import org.sparsemdp.graph.StateOrdering;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.PermutedMdp;

/**
 * The benchmark models: 4 actions, 8 successors, random (Garnet) or local (banded) successors,
 * or the banded model with its states renumbered by a random permutation (local structure hidden
 * by the numbering: the case state reordering is for).
 */
final class BenchModels {
    static final int ACTIONS = 4;
    static final int BRANCHING = 8;
    static final int HALF_BANDWIDTH = 32;
    static final long SEED = 20261122L;

    private BenchModels() {
    }

    /**
     * {@code kind} is "garnet" (random successors), "banded" (successors within ±32) or
     * "banded-shuffled" (the banded model, states randomly renumbered).
     */
    static Mdp model(String kind, int states, double discount) {
        switch (kind) {
            case "garnet":
                return GarnetGenerator.generate(states, ACTIONS, BRANCHING, discount, SEED);
            case "banded":
                return BandedGenerator.generate(states, ACTIONS, BRANCHING, HALF_BANDWIDTH, discount, SEED);
            case "banded-shuffled":
                return PermutedMdp.of(model("banded", states, discount), StateOrdering.shuffled(states, SEED))
                        .permuted();
            default:
                throw new IllegalArgumentException("unknown model kind " + kind);
        }
    }
}
