package org.sparsemdp.bench;

import org.sparsemdp.generate.BandedGenerator;
import org.sparsemdp.generate.GarnetGenerator;
import org.sparsemdp.model.Mdp;

/** The benchmark models: 4 actions, 8 successors, random (Garnet) or local (banded) successors. */
final class BenchModels {
    static final int ACTIONS = 4;
    static final int BRANCHING = 8;
    static final int HALF_BANDWIDTH = 32;
    static final long SEED = 20261122L;

    private BenchModels() {
    }

    /** {@code kind} is "garnet" (random successors) or "banded" (successors within ±32). */
    static Mdp model(String kind, int states, double discount) {
        switch (kind) {
            case "garnet":
                return GarnetGenerator.generate(states, ACTIONS, BRANCHING, discount, SEED);
            case "banded":
                return BandedGenerator.generate(states, ACTIONS, BRANCHING, HALF_BANDWIDTH, discount, SEED);
            default:
                throw new IllegalArgumentException("unknown model kind " + kind);
        }
    }
}
