package org.sparsemdp.io.partitioned;

import java.io.IOException;
import java.nio.file.Path;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.model.HeapCheck;
import org.sparsemdp.model.InvalidModelException;
import org.sparsemdp.model.Mdp;

/**
 * Reads a partitioned model directory ({@link PartitionedModelWriter}): the index on its own
 * ({@link #index}, small: what a cluster's driver reads), one block ({@link #block}, what each
 * executor reads), or the whole model into one {@link Mdp} ({@link #readMdp}, on one machine).
 * Every block file is checked against the index: present, exactly the size the index gives
 * (truncation), the same header and CRC-32C, and valid rows ({@link ModelBlock#problem}); each
 * failure is a {@link ModelFormatException} naming the file and the block.
 */
public final class PartitionedModelReader {
    private PartitionedModelReader() {
    }

    /** Reads the index of {@code dir}. */
    public static PartitionIndex index(Path dir) throws IOException {
        return PartitionIndex.read(dir);
    }

    /** Reads block {@code e} of the model in {@code dir} whose index is {@code index}. */
    public static ModelBlock block(Path dir, PartitionIndex index, BlockEntry e) throws IOException {
        return block(dir, e, index.states(), index.actionLabels().size());
    }

    /**
     * Reads block {@code e} of a model of {@code states} states and {@code labels} action labels
     * from {@code dir}: the form for executors, which are sent the entry and two numbers rather
     * than the whole index.
     */
    public static ModelBlock block(Path dir, BlockEntry e, int states, int labels) throws IOException {
        return BlockFiles.read(dir.resolve(PartitionIndex.blockFileName(e.id())), e, states, labels);
    }

    /**
     * Reads the whole model of {@code dir} into one {@link Mdp}: the arrays are those of the
     * single-file model that was converted, bit for bit. The heap needed is checked first.
     */
    public static Mdp readMdp(Path dir) throws IOException {
        PartitionIndex index = index(dir);
        int n = index.states();
        int c = index.choices();
        long t = index.transitions();
        if (t > Integer.MAX_VALUE - 8) {
            throw ModelFormatException.inFile(dir.toString(), t + " transitions are more than one machine's arrays"
                    + " can hold: solve the directory on Spark");
        }
        HeapCheck.ensureFree(12L * t + 20L * c + 4L * n, dir + ": the model of " + t + " transitions");
        int[] choiceStart = new int[n + 1];
        int[] transStart = new int[c + 1];
        int[] successor = new int[(int) t];
        double[] probability = new double[(int) t];
        double[] reward = new double[c];
        int[] actionIndex = new int[c];
        for (BlockEntry e : index.blocks()) {
            ModelBlock b = block(dir, index, e);
            int k0 = transStart[e.firstChoice()];
            for (int i = 0; i < e.states(); i++) {
                choiceStart[e.lo() + i] = e.firstChoice() + b.choiceStartArray()[i];
            }
            for (int j = 0; j < e.choices(); j++) {
                transStart[e.firstChoice() + j] = k0 + b.transitionStartArray()[j];
            }
            transStart[e.firstChoice() + e.choices()] = k0 + (int) e.transitions();
            System.arraycopy(b.successorArray(), 0, successor, k0, (int) e.transitions());
            System.arraycopy(b.probabilityArray(), 0, probability, k0, (int) e.transitions());
            System.arraycopy(b.rewardArray(), 0, reward, e.firstChoice(), e.choices());
            System.arraycopy(b.actionIndexArray(), 0, actionIndex, e.firstChoice(), e.choices());
        }
        choiceStart[n] = c;
        try {
            return Mdp.fromArrays(n, choiceStart, transStart, successor, probability, reward, actionIndex,
                    index.actionLabels(), index.objective(), index.discount(), new int[] {index.initialState()});
        } catch (InvalidModelException e) {
            throw ModelFormatException.inFile(dir.toString(), e.getMessage(), e);
        }
    }
}
