package org.sparsemdp.io.partitioned;

import java.io.Serializable;

/**
 * What the index of a partitioned model says about one block file: its states [lo, hi), its
 * choices (global indices firstChoice .. firstChoice + choices − 1), its transitions, and the
 * file's exact size and CRC-32C, against which the file is checked when it is read.
 *
 * @param id          block number, 0-based; the file is {@link PartitionIndex#blockFileName(int)}
 * @param lo          first state
 * @param hi          one past the last state
 * @param firstChoice global index of the first choice
 * @param choices     number of choices
 * @param transitions number of transitions
 * @param bytes       size of the block file in bytes
 * @param crc         CRC-32C of the whole block file
 */
public record BlockEntry(int id, int lo, int hi, int firstChoice, int choices, long transitions, long bytes,
                         long crc) implements Serializable {
    /** Size of the fixed header of a block file, in bytes. */
    public static final int HEADER_BYTES = 40;

    /** The exact size of the file of a block of these counts: header, then the six arrays. */
    public static long fileBytes(int states, long choices, long transitions) {
        return HEADER_BYTES + 4L * (states + 1) + 4L * (choices + 1) + 12L * transitions + 12L * choices;
    }

    /** Number of states. */
    public int states() {
        return hi - lo;
    }

    /** Bytes the block's arrays take in memory once read (12 per transition, 16 per choice, 4 per state). */
    public long heapBytes() {
        return 12L * transitions + 16L * choices + 4L * (states() + 1) + 4;
    }
}
