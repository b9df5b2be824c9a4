package org.sparsemdp.spark;

import java.io.Serializable;
import org.sparsemdp.generate.PartitionedGarnet;
import org.sparsemdp.generate.SeededGarnetGenerator;
import org.sparsemdp.io.partitioned.ModelBlock;

/**
 * Parameters of a {@link SeededGarnetGenerator} model, small enough to ship to every executor,
 * which then generates its own blocks ({@link #block}).
 *
 * @param states    number of states
 * @param actions   choices per state
 * @param branching successors per choice
 * @param discount  discount factor γ, 0 &lt; γ &lt; 1
 * @param seed      random seed
 */
public record GarnetSpec(int states, int actions, int branching, double discount, long seed) implements Serializable {
    /** Checks the parameters. */
    public GarnetSpec {
        if (states < 1 || actions < 1 || branching < 1 || branching > states) {
            throw new IllegalArgumentException("garnet needs states, actions, branching >= 1 and branching <= states,"
                    + " got " + states + ", " + actions + ", " + branching);
        }
        if (!(discount > 0 && discount < 1)) {
            throw new IllegalArgumentException("garnet needs a discount in (0, 1), got " + discount);
        }
    }

    /** Parses {@code S,A,B[,seed]} (γ given separately). */
    public static GarnetSpec parse(String text, double discount) {
        String[] f = text.split(",");
        if (f.length < 3 || f.length > 4) {
            throw new IllegalArgumentException("garnet spec must be STATES,ACTIONS,BRANCHING[,SEED], got '" + text + "'");
        }
        try {
            return new GarnetSpec(Integer.parseInt(f[0].trim()), Integer.parseInt(f[1].trim()),
                    Integer.parseInt(f[2].trim()), discount, f.length == 4 ? Long.parseLong(f[3].trim()) : 1L);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("garnet spec must be STATES,ACTIONS,BRANCHING[,SEED], got '" + text + "'",
                    e);
        }
    }

    /**
     * The block [lo, hi) of this model, generated without the rest of it; action a of every state
     * has label index a ({@link PartitionedGarnet#block}).
     */
    public ModelBlock block(int lo, int hi) {
        return PartitionedGarnet.block(states, actions, branching, seed, lo, hi);
    }

    /** The whole model in one piece (for comparisons on one machine). */
    public org.sparsemdp.model.Mdp generate() {
        return SeededGarnetGenerator.generateBlockwise(states, actions, branching, discount, seed);
    }
}
