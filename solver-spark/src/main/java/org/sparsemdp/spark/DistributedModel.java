package org.sparsemdp.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.io.partitioned.ModelBlock;
import org.sparsemdp.io.partitioned.PartitionIndex;
import org.sparsemdp.io.partitioned.PartitionedModelReader;
import org.sparsemdp.io.partitioned.PartitionedModelWriter;
import org.sparsemdp.model.HeapCheck;
import org.sparsemdp.model.InvalidModelException;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * A model partitioned over a Spark cluster: an RDD with one {@link ModelBlock} per partition
 * (partition p holds block p, states bounds[p] .. bounds[p+1]−1), cached in executor memory, plus
 * the few scalars the driver needs (number of states, discount, objective). The driver never
 * holds the transitions of a model built by {@link #garnet} or loaded by {@link #fromPartitioned}.
 */
public final class DistributedModel implements AutoCloseable {
    private final JavaRDD<ModelBlock> blocks;
    private final int[] bounds;
    private final int numStates;
    private final long numTransitions;
    private final double discount;
    private final Objective objective;
    private final String[] actionLabels;
    private final int initialState;

    private DistributedModel(JavaRDD<ModelBlock> blocks, int[] bounds, long numTransitions, double discount,
                             Objective objective, String[] actionLabels, int initialState) {
        this.blocks = blocks;
        this.bounds = bounds;
        this.numStates = bounds[bounds.length - 1];
        this.numTransitions = numTransitions;
        this.discount = discount;
        this.objective = objective;
        this.actionLabels = actionLabels;
        this.initialState = initialState;
    }

    /**
     * Partitions a model that is in the driver's memory (e.g. just read from a file): cut by
     * {@link BlockBoundaries#byTransitions}, the blocks sliced out of the raw arrays in parallel
     * on the driver, then shipped once, one block per partition, and cached. The cached blocks
     * are the only copy on the cluster (local checkpoint): an executor lost during the solve
     * fails the job, whereas {@link #garnet} blocks are regenerated.
     */
    public static DistributedModel fromMdp(JavaSparkContext sc, Mdp mdp, int partitions) {
        int[] bounds = BlockBoundaries.byTransitions(mdp, partitions);
        int p = bounds.length - 1;
        List<ModelBlock> list = new ArrayList<>(IntStream.range(0, p).parallel()
                .mapToObj(b -> ModelBlock.slice(mdp, bounds[b], bounds[b + 1])).toList());
        JavaRDD<ModelBlock> rdd = sc.parallelize(list, p).persist(StorageLevel.MEMORY_ONLY());
        // Without this the tasks of every exchange would carry their partition's data again (a
        // parallelized collection travels inside its partitions): cut the lineage to the cache.
        rdd.rdd().localCheckpoint();
        return materialised(rdd, bounds, mdp.discount(), mdp.objective(), mdp.actionLabels().toArray(new String[0]),
                mdp.initialState());
    }

    /**
     * Loads a partitioned model directory (written by {@code sparsemdp convert --partitions} or
     * {@link PartitionedModelWriter}) where it is used: the driver reads only the index
     * ({@link PartitionIndex}: totals, labels, one line per block), and the executors read the
     * block files in parallel, one block per partition ({@link PartitionedModelReader#block}, each
     * file checked against its index entry), so no JVM ever holds the whole model. The directory
     * must be a path every executor can read (local mode: any directory; a cluster: a shared
     * mount). A missing, truncated or corrupted block fails the load with an
     * {@link IllegalArgumentException} naming the file and block (the executor's error, unwrapped;
     * an {@link InvalidModelException} when an executor's {@link HeapCheck} refused the block).
     * Blocks are cached; a lost executor re-reads its blocks from the files.
     *
     * @param partitions the number of partitions to use: must be the number of blocks in the
     *                   directory, or 0 for that number (a directory is cut once, at conversion)
     */
    public static DistributedModel fromPartitioned(JavaSparkContext sc, Path dir, int partitions) throws IOException {
        PartitionIndex index = PartitionedModelReader.index(dir);
        int p = index.blocks().size();
        if (partitions != 0 && partitions != p) {
            throw new IllegalArgumentException("--partitions " + partitions + " does not match the " + p + " blocks of "
                    + dir + " (a partitioned model is cut at conversion: omit --partitions, or convert again with"
                    + " --partitions " + partitions + ")");
        }
        final String path = dir.toAbsolutePath().toString();
        final int states = index.states();
        final int labels = index.actionLabels().size();
        JavaRDD<ModelBlock> rdd = sc.parallelize(index.blocks(), p)
                .map(e -> PartitionedModelReader.block(Paths.get(path), e, states, labels))
                .persist(StorageLevel.MEMORY_ONLY());
        try {
            return materialised(rdd, index.bounds(), index.discount(), index.objective(),
                    index.actionLabels().toArray(new String[0]), index.initialState());
        } catch (Exception e) { // SparkException (checked, though Scala does not declare it) wrapping the task's
            rdd.unpersist(false);
            String reason = executorReadError(e);
            if (reason != null && HeapCheck.neededMiB(reason) >= 0) {
                throw new InvalidModelException(reason); // an executor's heap refusal: still one (exit code 4)
            }
            if (reason != null) {
                throw new IllegalArgumentException(reason, e);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The message of the {@link ModelFormatException} or {@link InvalidModelException} (heap
     * refusal) that failed a task, found in the cause chain of the driver's exception or, when
     * Spark passed only its text, in its message; null if the failure was something else.
     */
    private static String executorReadError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ModelFormatException || t instanceof InvalidModelException) {
                return t.getMessage();
            }
        }
        for (Class<?> c : List.of(ModelFormatException.class, InvalidModelException.class)) {
            String text = String.valueOf(e.getMessage());
            int at = text.indexOf(c.getName() + ": ");
            if (at >= 0) {
                int from = at + c.getName().length() + 2;
                int end = text.indexOf('\n', from);
                return text.substring(from, end < 0 ? text.length() : end).strip();
            }
        }
        return null;
    }

    /**
     * Generates a {@link org.sparsemdp.generate.SeededGarnetGenerator} model where it is used:
     * only the block boundaries are shipped, and each executor generates its own blocks
     * ({@link GarnetSpec#block}), so no machine ever holds the whole model. Blocks have equal
     * state counts, hence equal transition counts.
     */
    public static DistributedModel garnet(JavaSparkContext sc, GarnetSpec spec, int partitions) {
        int[] bounds = BlockBoundaries.uniform(spec.states(), partitions);
        int p = bounds.length - 1;
        List<Integer> ids = IntStream.range(0, p).boxed().toList();
        JavaRDD<ModelBlock> rdd = sc.parallelize(ids, p)
                .map(b -> spec.block(bounds[b], bounds[b + 1]))
                .persist(StorageLevel.MEMORY_ONLY());
        return materialised(rdd, bounds, spec.discount(), Objective.MAXIMIZE,
                org.sparsemdp.generate.SeededGarnetGenerator.actionLabels(spec.actions()), 0);
    }

    /** Builds the blocks now (one job), so that solver timings exclude model construction. */
    private static DistributedModel materialised(JavaRDD<ModelBlock> rdd, int[] bounds, double discount,
                                                 Objective objective, String[] actionLabels, int initialState) {
        long transitions = rdd.map(ModelBlock::numTransitions).reduce(Long::sum);
        return new DistributedModel(rdd, bounds, transitions, discount, objective, actionLabels, initialState);
    }

    /** The cached blocks, one per partition, in state order. */
    public JavaRDD<ModelBlock> blocks() {
        return blocks;
    }

    /** Number of partitions (blocks). */
    public int numPartitions() {
        return bounds.length - 1;
    }

    /** First state of each block, and the number of states at the end (length partitions + 1). */
    public int[] bounds() {
        return bounds.clone();
    }

    /** Number of states. */
    public int numStates() {
        return numStates;
    }

    /** Number of transitions over all blocks. */
    public long numTransitions() {
        return numTransitions;
    }

    /**
     * This model with discount {@code gamma} (the blocks are shared: they hold no discount). Close
     * only one of the two.
     */
    public DistributedModel withDiscount(double gamma) {
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("discount " + gamma + " is not in (0, 1]");
        }
        return new DistributedModel(blocks, bounds, numTransitions, gamma, objective, actionLabels, initialState);
    }

    /** This model with objective {@code o} (the blocks are shared). Close only one of the two. */
    public DistributedModel withObjective(Objective o) {
        return new DistributedModel(blocks, bounds, numTransitions, discount, o, actionLabels, initialState);
    }

    /** The initial state (the model's first; 0 for a generated model). */
    public int initialState() {
        return initialState;
    }

    /** Discount factor γ. */
    public double discount() {
        return discount;
    }

    /** Whether values are minimised or maximised. */
    public Objective objective() {
        return objective;
    }

    /**
     * The distinct action labels of the model (indexed by {@link ModelBlock#actionIndexArray()});
     * the caller must not modify the array.
     */
    public String[] actionLabels() {
        return actionLabels;
    }

    /** The action label of global choice {@code c}, looked up on the block that holds it (one small job). */
    public String actionLabel(int c) {
        final String[] labels = actionLabels;
        List<String> found = blocks.filter(b -> c >= b.firstChoice() && c < b.firstChoice() + b.numChoices())
                .map(b -> {
                    int local = c - b.firstChoice();
                    int i = 0;
                    while (b.choiceStartArray()[i + 1] <= local) {
                        i++;
                    }
                    return b.actionLabel(i, local, labels);
                }).collect();
        return found.isEmpty() ? "#" + c : found.get(0);
    }

    /** Removes the cached blocks from the executors. */
    @Override
    public void close() {
        blocks.unpersist(false);
    }
}
