package org.sparsemdp.io.partitioned;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparsemdp.generate.SeededGarnetGenerator;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * Writes a model as a partitioned directory: one binary file per block of states
 * ({@link BlockFiles}: header, the block's compressed sparse rows, little-endian) and the index
 * ({@link PartitionIndex}) with the totals, discount, objective, initial state, action labels and
 * each block's size and CRC-32C. The blocks are written one at a time, so writing a generated model
 * ({@link #writeGarnet}) holds one block in memory, never the whole model.
 *
 * <p>Why not UMB shards: a block's successors are global state numbers, which a UMB file (one
 * whole model) cannot express; a flat block file is read by one sequential pass straight into the
 * arrays, with its exact size known from the index before anything is allocated.
 *
 * <p>The directory is created if needed. An existing directory must be empty or hold an earlier
 * partitioned model (whose index and block files are removed first, so a failed write leaves no
 * index, never a mix of old and new blocks). The index is written last.
 */
public final class PartitionedModelWriter {
    private PartitionedModelWriter() {
    }

    /** Writes {@code mdp} cut into {@code parts} blocks balanced by transitions ({@link BlockCuts#byTransitions}). */
    public static PartitionIndex write(Mdp mdp, int parts, Path dir) throws IOException {
        int[] bounds = BlockCuts.byTransitions(mdp.choiceStartArray(), mdp.transitionStartArray(), parts);
        prepare(dir);
        List<BlockEntry> entries = new ArrayList<>();
        for (int p = 0; p + 1 < bounds.length; p++) {
            entries.add(BlockFiles.write(dir.resolve(PartitionIndex.blockFileName(p)), p,
                    ModelBlock.slice(mdp, bounds[p], bounds[p + 1])));
        }
        PartitionIndex index = new PartitionIndex(mdp.numStates(), mdp.numChoices(), mdp.numTransitions(),
                mdp.discount(), mdp.objective(), mdp.initialState(), mdp.actionLabels(), entries);
        index.write(dir);
        return index;
    }

    /**
     * Writes the model {@link SeededGarnetGenerator#generateBlockwise} builds with these
     * parameters (objective max, initial state 0), generating and writing one block at a time
     * (blocks of equal state count, {@link BlockCuts#uniform}).
     */
    public static PartitionIndex writeGarnet(int states, int actions, int branching, double discount, long seed,
                                             int parts, Path dir) throws IOException {
        int[] bounds = BlockCuts.uniform(states, parts);
        ModelBlock.garnet(states, actions, branching, seed, 0, 0); // checks the parameters before touching dir
        prepare(dir);
        List<BlockEntry> entries = new ArrayList<>();
        long transitions = 0;
        for (int p = 0; p + 1 < bounds.length; p++) {
            BlockEntry e = BlockFiles.write(dir.resolve(PartitionIndex.blockFileName(p)), p,
                    ModelBlock.garnet(states, actions, branching, seed, bounds[p], bounds[p + 1]));
            entries.add(e);
            transitions += e.transitions();
        }
        PartitionIndex index = new PartitionIndex(states, (int) ((long) states * actions), transitions, discount,
                Objective.MAXIMIZE, 0, List.of(SeededGarnetGenerator.actionLabels(actions)), entries);
        index.write(dir);
        return index;
    }

    /** Creates {@code dir}, or empties it of an earlier partitioned model; refuses any other content. */
    private static void prepare(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> ours = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (n.equals(PartitionIndex.FILE_NAME) || n.equals(PartitionIndex.FILE_NAME + ".tmp")
                        || n.matches("block-\\d{5,}\\.bin")) {
                    ours.add(f);
                } else {
                    throw new IOException(dir + " is not empty (it holds " + n + "); write a partitioned model into"
                            + " a new or empty directory");
                }
            }
        }
        Files.deleteIfExists(dir.resolve(PartitionIndex.FILE_NAME)); // first: no index while blocks change
        for (Path f : ours) {
            Files.deleteIfExists(f);
        }
    }
}
