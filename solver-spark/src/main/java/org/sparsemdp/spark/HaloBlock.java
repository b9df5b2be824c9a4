package org.sparsemdp.spark;

import java.io.Serializable;
import java.util.Arrays;
import org.sparsemdp.io.partitioned.ModelBlock;

/**
 * A {@link ModelBlock} set up for the halo exchange: its successors renumbered into a compact
 * local vector x = [the block's own states lo .. hi−1 | its halo], where the halo is the sorted
 * list of the other blocks' states that its transitions read. An exchange then sends the block
 * only x (its own previous values and its halo's), not the whole value vector.
 *
 * <p>The renumbered block has lo = 0 and the same choices, probabilities and rewards (shared
 * arrays, not copies: only the successor array is new, 4 bytes per transition), so every sweep
 * of {@link BlockSweeps} performs exactly the same floating-point operations on it as on the
 * original block with the whole vector: the results are bit for bit those of the broadcast.
 */
final class HaloBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The original block's first state (global). */
    final int lo;
    /** The renumbered block (states 0 .. n−1, halo n .. n+h−1). */
    final ModelBlock local;
    /** Global index of each halo entry, increasing. */
    final int[] halo;
    /** The states of value 0 in local numbering (length n + h). */
    final boolean[] zero;

    private HaloBlock(int lo, ModelBlock local, int[] halo, boolean[] zero) {
        this.lo = lo;
        this.local = local;
        this.halo = halo;
        this.zero = zero;
    }

    /**
     * The halo of block {@code b}: its distinct successors outside [lo, hi), sorted (one pass and a
     * sort of the external transitions).
     */
    static int[] haloOf(ModelBlock b) {
        int[] succ = b.successorArray();
        int lo = b.lo();
        int hi = b.hi();
        int[] ext = new int[16];
        int count = 0;
        for (int t : succ) {
            if (t < lo || t >= hi) {
                if (count == ext.length) {
                    ext = Arrays.copyOf(ext, 2 * ext.length);
                }
                ext[count++] = t;
            }
        }
        Arrays.sort(ext, 0, count);
        int w = 0;
        for (int i = 0; i < count; i++) {
            if (w == 0 || ext[i] != ext[w - 1]) {
                ext[w++] = ext[i];
            }
        }
        return Arrays.copyOf(ext, w);
    }

    /** Block {@code b} renumbered for its halo; {@code zero} is the global set of states of value 0. */
    static HaloBlock of(ModelBlock b, boolean[] zero) {
        int[] halo = haloOf(b);
        int lo = b.lo();
        int n = b.numStates();
        int[] succ = b.successorArray();
        int[] renumbered = new int[succ.length];
        for (int k = 0; k < succ.length; k++) {
            int t = succ[k];
            renumbered[k] = t >= lo && t < b.hi() ? t - lo : n + Arrays.binarySearch(halo, t);
        }
        boolean[] z = new boolean[n + halo.length];
        System.arraycopy(zero, lo, z, 0, n);
        for (int j = 0; j < halo.length; j++) {
            z[n + j] = zero[halo[j]];
        }
        ModelBlock local = new ModelBlock(0, n, b.firstChoice(), b.choiceStartArray(), b.transitionStartArray(),
                renumbered, b.probabilityArray(), b.rewardArray(), b.actionIndexArray());
        return new HaloBlock(lo, local, halo, z);
    }

    /**
     * The message of this block for iterate {@code u}: x = [u(lo .. hi−1) | u(halo)], written into
     * a new array (the message itself).
     */
    static double[] message(int lo, int n, int[] halo, double[] u) {
        double[] x = new double[n + halo.length];
        System.arraycopy(u, lo, x, 0, n);
        for (int j = 0; j < halo.length; j++) {
            x[n + j] = u[halo[j]];
        }
        return x;
    }
}
