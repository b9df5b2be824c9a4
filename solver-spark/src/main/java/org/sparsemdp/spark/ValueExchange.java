package org.sparsemdp.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.sparsemdp.io.partitioned.ModelBlock;

/**
 * How the iterate reaches the blocks in one exchange of {@link SparkValueIteration}.
 *
 * <ul>
 *   <li>{@link Mode#BROADCAST}: the driver broadcasts the whole vector u (8·S bytes), which
 *       every executor fetches once: 8·S bytes per executor and exchange.</li>
 *   <li>{@link Mode#HALO}: each block gets, as a broadcast read only by its own task, only x = [its own values | its
 *       halo's values] ({@link HaloBlock}), the halo being the other blocks' states its
 *       transitions read, found once when the run starts: 8·(S + H) bytes per exchange in all,
 *       H = Σ<sub>blocks</sub> |halo|, whatever the number of executors. Results are bit for bit
 *       those of the broadcast (the same operations on the same values).</li>
 *   <li>{@link Mode#AUTO}: the halo exchange where it moves fewer bytes by the crossover rule
 *       {@link #preferHalo}, the broadcast otherwise.</li>
 * </ul>
 *
 * <p>Cost of setting up the halo: one pass and a sort of each block's external transitions
 * (one job to measure H for {@link Mode#AUTO}, one to build the renumbered blocks, 4 bytes per
 * transition on the executors and 4·H bytes on the driver).
 */
public final class ValueExchange implements AutoCloseable {
    /** The exchange variants. */
    public enum Mode {
        /** Broadcast the whole value vector. */
        BROADCAST,
        /** Send each block its own and its halo's values. */
        HALO,
        /** Choose by {@link ValueExchange#preferHalo}. */
        AUTO;

        /** Parses "broadcast", "halo" or "auto". */
        public static Mode parse(String text) {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "broadcast":
                    return BROADCAST;
                case "halo":
                    return HALO;
                case "auto":
                    return AUTO;
                default:
                    throw new IllegalArgumentException("unknown exchange '" + text + "': use auto, halo or broadcast");
            }
        }
    }

    /**
     * The crossover of {@link Mode#AUTO}: the halo exchange is used when its bytes per exchange,
     * S + H values, are at most this fraction of the broadcast's, E·S values to the E executors
     * that hold blocks (README, "Halo exchange", for the measurements behind it).
     */
    static final double CROSSOVER = 0.5;

    private final JavaSparkContext sc;
    private final JavaRDD<ModelBlock> blocks;
    private final Broadcast<boolean[]> zero;
    private final JavaRDD<HaloBlock> haloBlocks;
    private final int[] bounds;
    private final List<int[]> halos;
    private final long haloSize;

    private ValueExchange(JavaSparkContext sc, JavaRDD<ModelBlock> blocks, Broadcast<boolean[]> zero,
                          JavaRDD<HaloBlock> haloBlocks, int[] bounds, List<int[]> halos, long haloSize) {
        this.sc = sc;
        this.blocks = blocks;
        this.zero = zero;
        this.haloBlocks = haloBlocks;
        this.bounds = bounds;
        this.halos = halos;
        this.haloSize = haloSize;
    }

    /**
     * Whether the halo exchange moves fewer bytes: S + H ≤ {@link #CROSSOVER}·E·S.
     *
     * @param haloSize  H, the sum of the blocks' halo sizes
     * @param receivers E, the executors that receive a broadcast (those holding blocks: at most
     *                  the number of partitions; 1 in local mode, where the broadcast is shared memory)
     */
    static boolean preferHalo(long states, long haloSize, int receivers) {
        return states + haloSize <= CROSSOVER * receivers * (double) states;
    }

    /**
     * E of {@link #preferHalo}: 1 in local mode (one JVM), else the number of executors
     * registered now, at most the number of partitions.
     */
    static int receivers(JavaSparkContext sc, int partitions) {
        if (sc.isLocal()) {
            return 1;
        }
        int executors = Math.max(1, sc.sc().getExecutorMemoryStatus().size() - 1); // the driver is listed too
        return Math.min(partitions, executors);
    }

    /** The exchange of {@code model} in {@code mode} ({@code zero}: the states of value 0). */
    static ValueExchange of(JavaSparkContext sc, DistributedModel model, Broadcast<boolean[]> zero, Mode mode) {
        JavaRDD<ModelBlock> blocks = model.blocks();
        boolean halo = mode == Mode.HALO;
        if (mode == Mode.AUTO) {
            long h = blocks.map(b -> (long) HaloBlock.haloOf(b).length).reduce(Long::sum);
            halo = preferHalo(model.numStates(), h, receivers(sc, model.numPartitions()));
        }
        if (!halo) {
            return new ValueExchange(sc, blocks, zero, null, null, null, 0);
        }
        JavaRDD<HaloBlock> hb = blocks.map(b -> HaloBlock.of(b, zero.value())).persist(StorageLevel.MEMORY_ONLY());
        List<int[]> halos = hb.map(h -> h.halo).collect();
        long size = 0;
        for (int[] h : halos) {
            size += h.length;
        }
        return new ValueExchange(sc, blocks, zero, hb, model.bounds(), halos, size);
    }

    /** Whether this is the halo exchange. */
    boolean isHalo() {
        return haloBlocks != null;
    }

    /** Values sent to the blocks per exchange: S·(executors) for the broadcast, S + H for the halo. */
    long valuesSentPerExchange(int states, int executors) {
        return isHalo() ? states + haloSize : (long) states * executors;
    }

    /** H, the sum of the halo sizes (0 for the broadcast). */
    long haloSize() {
        return haloSize;
    }

    /** One exchange from iterate {@code u}: every block's {@link BlockUpdate#exchange}, in block order. */
    List<BlockUpdate> exchange(double[] u, double gamma, boolean minimize, int sweeps, boolean extrapolate) {
        if (!isHalo()) {
            Broadcast<double[]> bc = sc.broadcast(u);
            final Broadcast<boolean[]> z = zero; // not the field: the closure must not capture this object
            List<BlockUpdate> updates = blocks
                    .map(b -> BlockUpdate.exchange(b, bc.value(), z.value(), gamma, minimize, sweeps, extrapolate))
                    .collect();
            bc.destroy();
            return updates;
        }
        // One small broadcast per block, read only by the task of that block: its executor alone
        // fetches it (Spark broadcasts are fetched on first use), so 8·(n_p + |H_p|) bytes go to
        // each block, and the tasks stay small (a message inside the task would make the driver's
        // scheduler serialize megabytes per task).
        List<Broadcast<double[]>> messages = new ArrayList<>(halos.size());
        for (int b = 0; b < halos.size(); b++) {
            messages.add(sc.broadcast(HaloBlock.message(bounds[b], bounds[b + 1] - bounds[b], halos.get(b), u)));
        }
        try {
            return haloBlocks.mapPartitionsWithIndex((index, hs) -> {
                HaloBlock h = hs.next();
                BlockUpdate up = BlockUpdate.exchange(h.local, messages.get(index).value(), h.zero, gamma, minimize,
                        sweeps, extrapolate);
                return Collections.singletonList(new BlockUpdate(h.lo, up.values, up.minDelta, up.maxDelta, up.stats))
                        .iterator();
            }, true).collect();
        } finally {
            for (Broadcast<double[]> m : messages) {
                m.destroy();
            }
        }
    }

    /** Drops the renumbered blocks. */
    @Override
    public void close() {
        if (haloBlocks != null) {
            haloBlocks.unpersist(false);
        }
    }
}
