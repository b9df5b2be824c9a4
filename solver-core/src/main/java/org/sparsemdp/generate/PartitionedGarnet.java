package org.sparsemdp.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sparsemdp.io.partitioned.BlockCuts;
import org.sparsemdp.io.partitioned.ModelBlock;
import org.sparsemdp.io.partitioned.PartitionIndex;
import org.sparsemdp.io.partitioned.PartitionedModelWriter;
import org.sparsemdp.model.Objective;

/**
 * The per-state seeded Garnet of {@link SeededGarnetGenerator} made one block of states at a time,
 * for models too large for one JVM: as {@link ModelBlock}s (what a Spark executor generates) and
 * written as a partitioned directory ({@code sparsemdp generate garnet --partitions P}) without
 * ever holding the whole model.
 */
public final class PartitionedGarnet {
    private PartitionedGarnet() {
    }

    /**
     * The block [lo, hi) of the model {@link SeededGarnetGenerator#generateBlockwise} builds with
     * these parameters, generated without the rest of the model (exact sizes, no growth); action a
     * of every state has label index a ({@link SeededGarnetGenerator#actionLabels}).
     *
     * @throws IllegalArgumentException if the block has more transitions than one array can hold
     */
    public static ModelBlock block(int states, int actions, int branching, long seed, int lo, int hi) {
        long choices = (long) (hi - lo) * actions;
        long transitions = choices * branching;
        if ((long) states * actions > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("garnet model with " + states + " states and " + actions
                    + " actions has more choices than an int index can number");
        }
        if (transitions > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("block [" + lo + ", " + hi + ") has " + transitions
                    + " transitions, more than one array can hold: use more partitions");
        }
        int[] choiceStart = new int[hi - lo + 1];
        int[] transStart = new int[(int) choices + 1];
        int[] successor = new int[(int) transitions];
        double[] probability = new double[(int) transitions];
        double[] reward = new double[(int) choices];
        int[] actionIndex = new int[(int) choices];
        for (int c = 0; c < choices; c++) {
            actionIndex[c] = c % actions;
        }
        for (int i = 0; i <= hi - lo; i++) {
            choiceStart[i] = i * actions;
        }
        for (int c = 0; c <= choices; c++) {
            transStart[c] = c * branching;
        }
        SeededGarnetGenerator.generateBlock(states, actions, branching, seed, lo, hi,
                (s, a, r, succ, prob) -> {
                    int c = (s - lo) * actions + a;
                    reward[c] = r;
                    System.arraycopy(succ, 0, successor, c * branching, branching);
                    System.arraycopy(prob, 0, probability, c * branching, branching);
                });
        return new ModelBlock(lo, hi, (int) ((long) lo * actions), choiceStart, transStart, successor, probability,
                reward, actionIndex);
    }

    /**
     * Writes the model {@link SeededGarnetGenerator#generateBlockwise} builds with these
     * parameters (objective max, initial state 0) as a partitioned directory, generating and
     * writing one block at a time (blocks of equal state count, {@link BlockCuts#uniform}).
     *
     * @throws IllegalArgumentException for parameters no model has (checked before {@code dir} is touched)
     */
    public static PartitionIndex write(int states, int actions, int branching, double discount, long seed,
                                       int parts, Path dir) throws IOException {
        int[] bounds = BlockCuts.uniform(states, parts);
        block(states, actions, branching, seed, 0, 0); // checks the parameters before touching dir
        return PartitionedModelWriter.write((lo, hi) -> block(states, actions, branching, seed, lo, hi), bounds,
                (int) ((long) states * actions), discount, Objective.MAXIMIZE, 0,
                List.of(SeededGarnetGenerator.actionLabels(actions)), dir);
    }
}
