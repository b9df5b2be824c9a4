package org.sparsemdp.bench;

import org.sparsemdp.generate.DemandDistribution;
import org.sparsemdp.generate.ForestGenerator;
import org.sparsemdp.generate.GridLayout;
import org.sparsemdp.generate.GridWorldGenerator;
import org.sparsemdp.generate.InventoryGenerator;
import org.sparsemdp.generate.SubstationRestorationGenerator;
import org.sparsemdp.model.Mdp;

/**
 * The benchmark instances of each generator, sized by a target number of states, so that every
 * benchmark uses the same models for the same {@code (kind, states)} parameters.
 *
 * <ul>
 *   <li>{@code garnet}: the suite's scaling model, {@link BenchModels} (4 actions, 8 random
 *       successors, γ = 0.99, its seed);</li>
 *   <li>{@code grid}: a ⌈√states⌉ × ⌈√states⌉ random layout (walls 0.1, traps 0.02, seed 1,
 *       default dynamics), so about 0.88 · states states after walls;</li>
 *   <li>{@code forest}: pymdptoolbox's forest with S = states, r1 = 4, r2 = 2, p = 0.1, γ = 0.99;</li>
 *   <li>{@code inventory}: capacity states − 1, demand uniform on 0..4, the lab's costs, β = 0.95
 *       (its choices grow quadratically, so keep states ≤ 10^4);</li>
 *   <li>{@code substation}: a random line (seed 1) with the largest N ≤ 19 whose model has at most
 *       {@code states} states (N = 19, 2,265 states, for any larger target).</li>
 * </ul>
 */
public final class GeneratedModels {
    /** The kinds known to {@link #generate}. */
    public static final String KINDS = "garnet, grid, forest, inventory, substation";

    private GeneratedModels() {
    }

    /**
     * Generates the instance of {@code kind} for a target of {@code states} states.
     *
     * @throws IllegalArgumentException for an unknown kind
     */
    public static Mdp generate(String kind, int states) {
        switch (kind) {
            case "garnet":
                return BenchModels.model("garnet", states, 0.99);
            case "grid": {
                int side = (int) Math.ceil(Math.sqrt(states));
                return GridWorldGenerator.withDefaults(GridLayout.random(side, side, 0.1, 0.02, 1)).generate();
            }
            case "forest":
                return new ForestGenerator(states, 4, 2, 0.1, 0.99).generate();
            case "inventory":
                return new InventoryGenerator(states - 1, 4, 1, 1, InventoryGenerator.HoldingBasis.STARTING,
                        DemandDistribution.uniform(0, 4), 0.95).generate();
            case "substation":
                return substation(states).generate();
            default:
                throw new IllegalArgumentException("unknown kind '" + kind + "'; known kinds: " + KINDS);
        }
    }

    private static SubstationRestorationGenerator substation(int states) {
        SubstationRestorationGenerator best = SubstationRestorationGenerator.random(1, 1);
        for (int n = 2; n <= SubstationRestorationGenerator.MAX_SUBSTATIONS; n++) {
            SubstationRestorationGenerator g = SubstationRestorationGenerator.random(n, 1);
            if (g.numStates() > states) {
                break;
            }
            best = g;
        }
        return best;
    }
}
