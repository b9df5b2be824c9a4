package org.sparsemdp.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * A model partitioned over a Spark cluster: an RDD with one {@link StateBlock} per partition
 * (partition p holds block p, states bounds[p] .. bounds[p+1]−1), cached in executor memory, plus
 * the few scalars the driver needs (number of states, discount, objective). The driver never
 * holds the transitions of a model built by {@link #garnet}.
 */
public final class DistributedModel implements AutoCloseable {
    private final JavaRDD<StateBlock> blocks;
    private final int[] bounds;
    private final int numStates;
    private final long numTransitions;
    private final double discount;
    private final Objective objective;
    private final String[] actionLabels;

    private DistributedModel(JavaRDD<StateBlock> blocks, int[] bounds, long numTransitions, double discount,
                             Objective objective, String[] actionLabels) {
        this.blocks = blocks;
        this.bounds = bounds;
        this.numStates = bounds[bounds.length - 1];
        this.numTransitions = numTransitions;
        this.discount = discount;
        this.objective = objective;
        this.actionLabels = actionLabels;
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
        List<StateBlock> list = new ArrayList<>(IntStream.range(0, p).parallel()
                .mapToObj(b -> StateBlock.slice(mdp, bounds[b], bounds[b + 1])).toList());
        JavaRDD<StateBlock> rdd = sc.parallelize(list, p).persist(StorageLevel.MEMORY_ONLY());
        // Without this the tasks of every exchange would carry their partition's data again (a
        // parallelized collection travels inside its partitions): cut the lineage to the cache.
        rdd.rdd().localCheckpoint();
        return materialised(rdd, bounds, mdp.discount(), mdp.objective(), mdp.actionLabels().toArray(new String[0]));
    }

    /**
     * Generates a {@link org.sparsemdp.generate.SeededGarnetGenerator} model where it is used:
     * only the block boundaries are shipped, and each executor generates its own blocks
     * ({@link StateBlock#garnet}), so no machine ever holds the whole model. Blocks have equal
     * state counts, hence equal transition counts.
     */
    public static DistributedModel garnet(JavaSparkContext sc, GarnetSpec spec, int partitions) {
        int[] bounds = BlockBoundaries.uniform(spec.states(), partitions);
        int p = bounds.length - 1;
        List<Integer> ids = IntStream.range(0, p).boxed().toList();
        JavaRDD<StateBlock> rdd = sc.parallelize(ids, p)
                .map(b -> StateBlock.garnet(spec, bounds[b], bounds[b + 1]))
                .persist(StorageLevel.MEMORY_ONLY());
        return materialised(rdd, bounds, spec.discount(), Objective.MAXIMIZE,
                org.sparsemdp.generate.SeededGarnetGenerator.actionLabels(spec.actions()));
    }

    /** Builds the blocks now (one job), so that solver timings exclude model construction. */
    private static DistributedModel materialised(JavaRDD<StateBlock> rdd, int[] bounds, double discount,
                                                 Objective objective, String[] actionLabels) {
        long transitions = rdd.map(StateBlock::numTransitions).reduce(Long::sum);
        return new DistributedModel(rdd, bounds, transitions, discount, objective, actionLabels);
    }

    /** The cached blocks, one per partition, in state order. */
    public JavaRDD<StateBlock> blocks() {
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

    /** Discount factor γ. */
    public double discount() {
        return discount;
    }

    /** Whether values are minimised or maximised. */
    public Objective objective() {
        return objective;
    }

    /**
     * The distinct action labels of the model (indexed by {@link StateBlock#actionIndexArray()});
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
