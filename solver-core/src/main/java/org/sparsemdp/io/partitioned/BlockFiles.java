package org.sparsemdp.io.partitioned;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.sparsemdp.io.LittleEndianChannelReader;
import org.sparsemdp.io.LittleEndianChannelWriter;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.model.HeapCheck;

/**
 * The binary file of one block: a 40-byte header, then the block's arrays, all little-endian.
 *
 * <pre>
 * bytes 0..7    magic "SMDPBLK1"
 * int           format version ({@value #VERSION})
 * int           block number
 * int lo, int hi, int firstChoice, int choices, long transitions
 * int[hi−lo+1]  choiceStart      int[choices+1] transStart
 * int[T]        successor        double[T]      probability
 * double[C]     reward           int[C]         actionIndex
 * </pre>
 *
 * The file is read with one sequential pass through a 1 MiB buffer straight into the arrays,
 * computing its CRC-32C on the way; its size, header and checksum must match the index entry
 * ({@link BlockEntry}), so a truncated, swapped or corrupted file is an error naming the file and
 * block, and no array is allocated before the header has been checked against the file's actual
 * size (a lying header cannot ask for more memory than the file holds) and the free heap
 * ({@link HeapCheck}).
 */
final class BlockFiles {
    static final int VERSION = 1;
    private static final byte[] MAGIC = "SMDPBLK1".getBytes(StandardCharsets.US_ASCII);
    private static final int BUFFER = 1 << 20;

    private BlockFiles() {
    }

    /** Writes block {@code id} to {@code file} (replacing it) and returns its index entry. */
    static BlockEntry write(Path file, int id, ModelBlock b) throws IOException {
        CRC32C crc = new CRC32C();
        long bytes;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            LittleEndianChannelWriter out = new LittleEndianChannelWriter(ch, BUFFER, crc);
            out.bytes(MAGIC);
            out.putInt(VERSION);
            out.putInt(id);
            out.putInt(b.lo());
            out.putInt(b.hi());
            out.putInt(b.firstChoice());
            out.putInt(b.numChoices());
            out.putLong(b.numTransitions());
            out.ints(b.choiceStartArray());
            out.ints(b.transitionStartArray());
            out.ints(b.successorArray());
            out.doubles(b.probabilityArray());
            out.doubles(b.rewardArray());
            out.ints(b.actionIndexArray());
            out.flush();
            bytes = ch.position();
        }
        return new BlockEntry(id, b.lo(), b.hi(), b.firstChoice(), b.numChoices(), b.numTransitions(), bytes,
                crc.getValue());
    }

    /**
     * Reads the block that {@code e} describes from {@code file} and checks it against {@code e}
     * and the model ({@code states} states, {@code labels} action labels).
     *
     * @throws ModelFormatException naming the file and block: missing, wrong size (truncated),
     *                              header or checksum not those of the index, invalid rows
     */
    static ModelBlock read(Path file, BlockEntry e, int states, int labels) throws IOException {
        String name = file.toString();
        String block = "block " + e.id() + ": ";
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size != e.bytes()) {
                throw ModelFormatException.inFile(name, block + "the file has " + size + " bytes, the index says "
                        + e.bytes() + (size < e.bytes() ? " (truncated?)" : ""));
            }
            if (e.bytes() != BlockEntry.fileBytes(e.states(), e.choices(), e.transitions())) {
                throw ModelFormatException.inFile(name, block + "the index gives " + e.bytes() + " bytes for "
                        + e.states() + " states, " + e.choices() + " choices and " + e.transitions()
                        + " transitions, which take " + BlockEntry.fileBytes(e.states(), e.choices(), e.transitions()));
            }
            if (e.transitions() > Integer.MAX_VALUE - 8) {
                throw ModelFormatException.inFile(name, block + e.transitions() + " transitions are more than one"
                        + " array can hold");
            }
            CRC32C crc = new CRC32C();
            LittleEndianChannelReader in = new LittleEndianChannelReader(ch, name, size, BUFFER, crc);
            byte[] magic = in.bytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw ModelFormatException.atOffset(name, 0, block + "not a sparsemdp block file (bad magic number)");
            }
            int version = in.getInt();
            if (version != VERSION) {
                throw ModelFormatException.atOffset(name, 8, block + "block format version " + version
                        + ", this reader knows version " + VERSION);
            }
            int id = in.getInt();
            int lo = in.getInt();
            int hi = in.getInt();
            int firstChoice = in.getInt();
            int choices = in.getInt();
            long transitions = in.getLong();
            if (id != e.id() || lo != e.lo() || hi != e.hi() || firstChoice != e.firstChoice() || choices != e.choices()
                    || transitions != e.transitions()) {
                throw ModelFormatException.atOffset(name, 12, block + "the header (block " + id + ", states [" + lo
                        + ", " + hi + "), " + choices + " choices from " + firstChoice + ", " + transitions
                        + " transitions) is not what the index says (block " + e.id() + ", states [" + e.lo() + ", "
                        + e.hi() + "), " + e.choices() + " choices from " + e.firstChoice() + ", " + e.transitions()
                        + " transitions)");
            }
            HeapCheck.ensureFree(e.heapBytes(), name + ": " + block + "its " + e.transitions() + " transitions");
            int t = (int) transitions;
            int[] choiceStart = in.ints(new int[hi - lo + 1]);
            int[] transStart = in.ints(new int[choices + 1]);
            int[] successor = in.ints(new int[t]);
            double[] probability = in.doubles(new double[t]);
            double[] reward = in.doubles(new double[choices]);
            int[] actionIndex = in.ints(new int[choices]);
            if (crc.getValue() != e.crc()) {
                throw ModelFormatException.inFile(name, block + "checksum " + Long.toHexString(crc.getValue())
                        + " is not the index's " + Long.toHexString(e.crc()) + " (the file is corrupted or from"
                        + " another conversion)");
            }
            ModelBlock b = new ModelBlock(lo, hi, firstChoice, choiceStart, transStart, successor, probability, reward,
                    actionIndex);
            String problem = b.problem(states, labels);
            if (problem != null) {
                throw ModelFormatException.inFile(name, block + problem);
            }
            return b;
        } catch (NoSuchFileException x) {
            throw ModelFormatException.inFile(name, block + "the block file is missing");
        }
    }
}
