package org.sparsemdp.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.sparsemdp.model.CompactMdp;
import org.sparsemdp.model.HeapCheck;
import org.sparsemdp.model.InvalidModelException;
import org.sparsemdp.model.Objective;

/**
 * A binary dump of a {@link CompactMdp} (extension {@code .cmdp}): its arrays as they are in
 * memory, little-endian, streamed straight into the arrays on reading (no intermediate model, 8 MiB
 * of buffer).
 *
 * <pre>
 * magic "SPMDPCMP", int version 1
 * int S, int C, long T, int A (0: choiceStart follows), int K (0: transStart follows)
 * byte labels kind (0 positional, 1 byte, 2 int), byte objective (0 min, 1 max), 2 bytes 0
 * double discount, double maxDeviation, double maxSumGap
 * int #labels, per label int length + UTF-8 bytes; int #initial, ints
 * [int choiceStart[S+1]] [int transStart[C+1]] int successor[T] int code[T] double reward[C]
 * [byte or int actionIndex[C]]
 * </pre>
 * Reading checks that the file length is exactly what the header announces before allocating
 * anything (a lying header cannot cause an OutOfMemoryError), that the heap can hold the model,
 * and every invariant of {@link CompactMdp#fromArrays}; errors name the file and the byte offset
 * or the state and choice.
 */
public final class CompactModelFile {
    /** The file name extension. */
    public static final String EXTENSION = ".cmdp";
    private static final byte[] MAGIC = "SPMDPCMP".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int BUFFER = 8 << 20;
    private static final int MAX_LABEL_BYTES = 1 << 16;

    private CompactModelFile() {
    }

    /** Whether {@code head} (the first bytes of a file) starts with the magic of this format. */
    public static boolean matches(byte[] head) {
        if (head.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the file at {@code path} starts with the magic of this format. */
    public static boolean isCompactFile(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(MAGIC.length);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // fill
            }
            return matches(b.array());
        }
    }

    /** Writes {@code mdp} to {@code path}, atomically (a temporary file renamed into place). */
    public static void write(CompactMdp mdp, Path path) throws IOException {
        try (AtomicOutputFiles files = new AtomicOutputFiles()) {
            try (java.io.OutputStream raw = files.open(path);
                 java.nio.channels.WritableByteChannel ch = java.nio.channels.Channels.newChannel(raw)) {
                LittleEndianChannelWriter w = new LittleEndianChannelWriter(ch, BUFFER, null);
                w.bytes(MAGIC);
                w.putInt(VERSION);
                w.putInt(mdp.numStates());
                w.putInt(mdp.numChoices());
                w.putLong(mdp.numTransitions());
                w.putInt(mdp.choiceStartArray() == null ? mdp.uniformChoices() : 0);
                w.putInt(mdp.transitionStartArray() == null ? mdp.uniformBranching() : 0);
                Object labels = mdp.actionIndexStorage();
                w.put((byte) (labels == null ? 0 : labels instanceof byte[] ? 1 : 2));
                w.put((byte) (mdp.objective() == Objective.MINIMIZE ? 0 : 1));
                w.put((byte) 0);
                w.put((byte) 0);
                w.putDouble(mdp.discount());
                w.putDouble(mdp.maxDeviation());
                w.putDouble(mdp.maxSumGap());
                w.putInt(mdp.actionLabels().size());
                for (String label : mdp.actionLabels()) {
                    byte[] utf = label.getBytes(StandardCharsets.UTF_8);
                    w.putInt(utf.length);
                    w.bytes(utf);
                }
                int[] initial = mdp.initialStates();
                w.putInt(initial.length);
                for (int s : initial) {
                    w.putInt(s);
                }
                if (mdp.choiceStartArray() != null) {
                    w.ints(mdp.choiceStartArray());
                }
                if (mdp.transitionStartArray() != null) {
                    w.ints(mdp.transitionStartArray());
                }
                w.ints(mdp.successorArray());
                w.ints(mdp.probabilityCodeArray());
                w.doubles(mdp.rewardArray());
                if (labels instanceof byte[]) {
                    w.bytes((byte[]) labels);
                } else if (labels != null) {
                    w.ints((int[]) labels);
                }
                w.flush();
            }
            files.commit();
        }
    }

    /**
     * Reads a compact model written by {@link #write}.
     *
     * @throws ModelFormatException naming the file and the problem (byte offset, or state and choice)
     */
    public static CompactMdp read(Path path) throws IOException {
        String source = path.toString();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            LittleEndianChannelReader r = new LittleEndianChannelReader(ch, source, size, BUFFER, null);
            byte[] magic = r.bytes(MAGIC.length);
            if (!matches(magic)) {
                throw ModelFormatException.atOffset(source, 0, "not a compact model file (no SPMDPCMP magic)");
            }
            int version = r.getInt();
            if (version != VERSION) {
                throw ModelFormatException.atOffset(source, 8, "compact model version " + version + ", expected " + VERSION);
            }
            int states = r.getInt();
            int choices = r.getInt();
            long transitions = r.getLong();
            int uniformChoices = r.getInt();
            int uniformBranching = r.getInt();
            int labelKind = r.get();
            int objective = r.get();
            r.get();
            r.get();
            if (states <= 0 || choices <= 0 || transitions <= 0 || transitions >= Integer.MAX_VALUE - 8
                    || uniformChoices < 0 || uniformBranching < 0 || labelKind < 0 || labelKind > 2
                    || objective < 0 || objective > 1) {
                throw ModelFormatException.atOffset(source, 12, "invalid header: " + states + " states, " + choices
                        + " choices, " + transitions + " transitions, label kind " + labelKind + ", objective " + objective);
            }
            double discount = r.getDouble();
            double deviation = r.getDouble();
            double gap = r.getDouble();
            int labelCount = r.getInt();
            if (labelCount < 0 || 4L * labelCount > r.remaining()) {
                throw ModelFormatException.atOffset(source, r.offset() - 4, "invalid label count " + labelCount);
            }
            List<String> labels = new ArrayList<>(labelCount);
            for (int i = 0; i < labelCount; i++) {
                int length = r.getInt();
                if (length < 0 || length > MAX_LABEL_BYTES || length > r.remaining()) {
                    throw ModelFormatException.atOffset(source, r.offset() - 4, "invalid label length " + length);
                }
                labels.add(new String(r.bytes(length), StandardCharsets.UTF_8));
            }
            int initialCount = r.getInt();
            if (initialCount <= 0 || 4L * initialCount > r.remaining()) {
                throw ModelFormatException.atOffset(source, r.offset() - 4, "invalid initial state count " + initialCount);
            }
            int[] initial = new int[initialCount];
            for (int i = 0; i < initialCount; i++) {
                initial[i] = r.getInt();
            }
            long expected = r.offset() + (uniformChoices == 0 ? 4L * (states + 1L) : 0)
                    + (uniformBranching == 0 ? 4L * (choices + 1L) : 0) + 8L * transitions + 8L * choices
                    + (labelKind == 1 ? choices : labelKind == 2 ? 4L * choices : 0);
            if (expected != size) {
                throw ModelFormatException.inFile(source, "the header announces " + expected + " bytes but the file has "
                        + size + " (truncated or not a compact model)");
            }
            HeapCheck.ensureFree(size, "the compact model of " + source);
            int[] choiceStart = uniformChoices == 0 ? r.ints(new int[states + 1]) : null;
            int[] transStart = uniformBranching == 0 ? r.ints(new int[choices + 1]) : null;
            int[] successor = r.ints(new int[(int) transitions]);
            int[] code = r.ints(new int[(int) transitions]);
            double[] reward = r.doubles(new double[choices]);
            int[] actionIndex = null;
            if (labelKind == 1) {
                byte[] small = r.bytes(choices);
                actionIndex = new int[choices];
                for (int c = 0; c < choices; c++) {
                    actionIndex[c] = small[c];
                }
            } else if (labelKind == 2) {
                actionIndex = r.ints(new int[choices]);
            }
            try {
                return CompactMdp.fromArrays(states, choices, uniformChoices, choiceStart, uniformBranching, transStart,
                        successor, code, reward, actionIndex, labels,
                        objective == 0 ? Objective.MINIMIZE : Objective.MAXIMIZE, discount, initial, deviation, gap);
            } catch (InvalidModelException e) {
                throw ModelFormatException.inFile(source, e.getMessage(), e);
            }
        }
    }
}
