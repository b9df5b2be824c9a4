package org.sparsemdp.io.partitioned;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * Writes a model as a partitioned directory: one binary file per block of states
 * ({@link BlockFiles}: header, the block's compressed sparse rows, little-endian) and the index
 * ({@link PartitionIndex}) with the totals, discount, objective, initial state, action labels and
 * each block's size and CRC-32C. The blocks are written one at a time, so writing a model made block
 * by block ({@link #write(BlockSource, int[], int, double, Objective, int, List, Path)}, e.g.
 * {@code generate.PartitionedGarnet}) holds one block in memory, never the whole model.
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

    /** The block [lo, hi) of a model that is written one block at a time, made on demand. */
    @FunctionalInterface
    public interface BlockSource {
        /**
         * The block of states [lo, hi).
         *
         * @throws IllegalArgumentException if it cannot be made (e.g. too many transitions for one array)
         */
        ModelBlock block(int lo, int hi);
    }

    /**
     * Writes the model whose block [bounds[p], bounds[p + 1]) {@code source} makes, one block at a
     * time (so at most one block is in memory); {@code bounds[0]} is 0 and the last bound the
     * number of states. The index, written last, records {@code choices}, the transitions of the
     * blocks written, and the other arguments.
     */
    public static PartitionIndex write(BlockSource source, int[] bounds, int choices, double discount,
                                       Objective objective, int initialState, List<String> actionLabels, Path dir)
            throws IOException {
        prepare(dir);
        List<BlockEntry> entries = new ArrayList<>();
        long transitions = 0;
        for (int p = 0; p + 1 < bounds.length; p++) {
            BlockEntry e = BlockFiles.write(dir.resolve(PartitionIndex.blockFileName(p)), p,
                    source.block(bounds[p], bounds[p + 1]));
            entries.add(e);
            transitions += e.transitions();
        }
        PartitionIndex index = new PartitionIndex(bounds[bounds.length - 1], choices, transitions, discount, objective,
                initialState, actionLabels, entries);
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
