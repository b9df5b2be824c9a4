package org.sparsemdp.io.umb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sparsemdp.io.Compression;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.model.HeapCheck;
import org.sparsemdp.model.InvalidModelException;
import org.sparsemdp.model.Mdp;

/**
 * Reads the UMB ("unified Markov binary") format of PRISM and Storm, as specified in
 * pmc-tools/umb {@code spec.md} (format version 1): a tar archive, optionally gzip- or
 * xz-compressed, holding {@code index.json} and little-endian binary arrays.
 *
 * <p>Used entries: {@code state-to-choices.bin} (CSR, uint64; absent means one choice per
 * state), {@code choice-to-branches.bin} (CSR, uint64; absent means one branch per choice),
 * {@code branch-to-target.bin} (uint64), {@code branch-to-probability.bin} (double),
 * {@code state-is-initial.bin} (bit set), {@code actions/choices/values.bin} (uint32) with
 * {@code string-mapping.bin}/{@code strings.bin}, and one reward annotation
 * {@code annotations/rewards/<id>/{states,choices,branches}/values.bin} (double), folded into
 * per-choice expected rewards: r(c) = r<sub>state</sub>(s) + r<sub>choice</sub>(c) +
 * Σ<sub>k</sub> p<sub>k</sub>·r<sub>branch</sub>(k). Everything else (atomic propositions,
 * valuations, observations, players) is skipped.
 *
 * <p>The arrays are read in 1 MiB blocks and bulk-copied into the model's int[]/double[] arrays
 * (uint64 narrowed to int in one vectorisable loop), with no per-element parsing; the rows are
 * then canonicalised and checked in one pass by {@link org.sparsemdp.model.CanonicalRows}, which
 * hands the arrays to the model without a second validation or copy. Nothing is trusted: each entry's size must equal the size the index
 * implies before anything is allocated, the total is checked against the free heap, CSR offsets
 * must start at 0, never decrease and end at the count, targets must be states, probabilities in
 * [0, 1] and rows stochastic. Within a choice, branches are sorted by target, duplicate targets
 * merged and zero probabilities dropped (UMB allows all three). Errors name the byte offset in
 * the decompressed tar stream. A file without initial states gets state 0; objective and
 * discount come from {@link UmbOptions} or from the parameters {@link UmbWriter} records
 * (default: minimise, γ = 1).
 */
public final class UmbReader {
    /** Largest index.json accepted (bytes). */
    static final int MAX_INDEX_BYTES = 1 << 24;

    private final TarReader tar;
    private final String source;
    private final UmbOptions options;
    private final Map<String, byte[]> early = new LinkedHashMap<>();
    private final Map<String, Long> earlyOffset = new LinkedHashMap<>();
    private UmbIndex index;
    private long indexOffset;
    private final UmbArrays arrays = new UmbArrays();
    private final LittleEndianArrays.Decoder decoder = new LittleEndianArrays.Decoder();

    private UmbReader(InputStream in, String source, UmbOptions options) {
        this.tar = new TarReader(in, source);
        this.source = source;
        this.options = options;
    }

    /** Reads {@code path} with default options. */
    public static Mdp read(Path path) throws IOException {
        return read(path, UmbOptions.defaults());
    }

    /** Reads {@code path} (plain tar, gzip or xz, detected by magic bytes). */
    public static Mdp read(Path path, UmbOptions options) throws IOException {
        return readModel(path, options).mdp();
    }

    /** Reads from {@code in} (already decompressed or not); does not close it. */
    public static Mdp read(InputStream in, String source, UmbOptions options) throws IOException {
        return readModel(in, source, options).mdp();
    }

    /**
     * Reads {@code path} with every reward annotation as a named reward structure (the alias as
     * name, else the identifier; state values as the state part, choice values plus the expectation
     * of branch values as the choice part) and every atomic proposition as a label. The MDP's own
     * rewards are those of the annotation {@link UmbOptions#reward()} selects (default: the first).
     */
    public static LoadedModel readModel(Path path, UmbOptions options) throws IOException {
        try (InputStream in = Compression.open(path)) {
            return new UmbReader(in, path.toString(), options).readAll();
        }
    }

    /** As {@link #readModel(Path, UmbOptions)}, from {@code in} (compressed or not); does not close it. */
    public static LoadedModel readModel(InputStream in, String source, UmbOptions options) throws IOException {
        return new UmbReader(Compression.decompressing(in, source), source, options).readAll();
    }

    private LoadedModel readAll() throws IOException {
        TarReader.Entry e;
        boolean any = false;
        while ((e = tar.next()) != null) {
            any = true;
            if (e.name.equals("index.json")) {
                if (index != null) {
                    throw tar.error(e.dataOffset, "a second index.json");
                }
                readIndex(e);
                for (Map.Entry<String, byte[]> pending : early.entrySet()) {
                    byte[] bytes = pending.getValue();
                    long off = earlyOffset.get(pending.getKey());
                    decode(new TarReader.Entry(pending.getKey(), bytes.length, off), bufferSource(bytes));
                }
                early.clear();
            } else if (isUsed(e.name)) {
                if (index == null) {
                    bufferEarly(e);
                } else {
                    decode(e, tar::readEntryBytes);
                }
            }
        }
        if (!any) {
            throw ModelFormatException.inFile(source, "empty tar archive (not a UMB file)");
        }
        if (index == null) {
            throw ModelFormatException.inFile(source, "no index.json in the archive (not a UMB file)");
        }
        try {
            return new UmbAssembler(source, index, arrays, options).assemble();
        } catch (InvalidModelException ex) {
            throw ModelFormatException.inFile(source, ex.getMessage());
        }
    }

    private void readIndex(TarReader.Entry e) throws IOException {
        if (e.size > MAX_INDEX_BYTES) {
            throw tar.error(e.dataOffset, "index.json of " + e.size + " bytes exceeds the " + MAX_INDEX_BYTES
                    + " accepted");
        }
        byte[] b = new byte[(int) e.size];
        tar.readEntryBytes(b, 0, b.length, "index.json");
        indexOffset = e.dataOffset;
        index = UmbIndex.parse(new String(b, StandardCharsets.UTF_8), source, e.dataOffset, options);
        long s = index.numStates;
        long c = index.numChoices;
        long k = index.numBranches;
        long need = 4 * (s + 1) + 4 * (c + 1) + 12 * k + 16 * c + index.aps.size() * (long) s;
        for (UmbIndex.Annotation r : index.rewards) {
            need += (r.onStates ? 8 * s : 0) + (r.onChoices ? 8 * c : 0) + (r.onBranches ? 8 * k : 0);
        }
        try {
            HeapCheck.ensureFree(need, "a model of " + s + " states, " + c + " choices and " + k + " branches");
        } catch (InvalidModelException ex) {
            throw tar.error(indexOffset, "index.json: " + ex.getMessage());
        }
    }

    private void bufferEarly(TarReader.Entry e) throws IOException {
        if (e.size > UmbIndex.MAX_COUNT * 8) {
            throw tar.error(e.dataOffset, "entry " + e.name + " of " + e.size + " bytes is too large");
        }
        long total = e.size;
        for (byte[] b : early.values()) {
            total += b.length;
        }
        if (e.size > Integer.MAX_VALUE - 8) {
            throw tar.error(e.dataOffset, "entry " + e.name + " before index.json is too large to buffer");
        }
        try {
            HeapCheck.ensureFree(total, "buffering entries that come before index.json");
        } catch (InvalidModelException ex) {
            throw tar.error(e.dataOffset, ex.getMessage());
        }
        byte[] b = new byte[(int) e.size];
        tar.readEntryBytes(b, 0, b.length, e.name);
        early.put(e.name, b);
        earlyOffset.put(e.name, e.dataOffset);
    }

    /** Reads bytes of the current entry. */
    @FunctionalInterface
    interface Source {
        void read(byte[] b, int off, int len, String entry) throws IOException;
    }

    private static Source bufferSource(byte[] bytes) {
        int[] pos = {0};
        return (b, off, len, entry) -> {
            System.arraycopy(bytes, pos[0], b, off, len);
            pos[0] += len;
        };
    }

    private boolean isUsed(String name) {
        switch (name) {
            case "state-to-choices.bin":
            case "choice-to-branches.bin":
            case "branch-to-target.bin":
            case "branch-to-probability.bin":
            case "state-is-initial.bin":
            case "actions/choices/values.bin":
            case "actions/choices/string-mapping.bin":
            case "actions/choices/strings.bin":
                return true;
            default:
                return (name.startsWith("annotations/rewards/") || name.startsWith("annotations/aps/"))
                        && name.endsWith("/values.bin");
        }
    }

    private void decode(TarReader.Entry e, Source src) throws IOException {
        UmbIndex ix = index;
        EntryDecoder d = new EntryDecoder(e, src);
        switch (e.name) {
            case "state-to-choices.bin":
                arrays.choiceStart = d.csr(ix.numStates, ix.numChoices, "state");
                return;
            case "choice-to-branches.bin":
                arrays.transStart = d.csr(ix.numChoices, ix.numBranches, "choice");
                return;
            case "branch-to-target.bin":
                arrays.successor = d.uint64(ix.numBranches, ix.numStates - 1L, "target state");
                return;
            case "branch-to-probability.bin":
                arrays.probability = d.probabilities(ix.numBranches);
                return;
            case "state-is-initial.bin":
                arrays.initial = d.bits(ix.numStates);
                return;
            case "actions/choices/values.bin":
                arrays.choiceAction = d.uint32(ix.numChoices, ix.numChoiceActions);
                return;
            case "actions/choices/string-mapping.bin":
                arrays.actionStringStart = d.csrLong(ix.numChoiceActions);
                return;
            case "actions/choices/strings.bin":
                arrays.actionStrings = d.bytes(UmbIndex.MAX_COUNT);
                arrays.actionStringsOffset = e.dataOffset;
                return;
            default:
                break;
        }
        if (e.name.startsWith("annotations/aps/")) {
            String rest = e.name.substring("annotations/aps/".length());
            String id = rest.substring(0, rest.indexOf('/'));
            if (ix.ap(id) == null || !rest.equals(id + "/states/values.bin")) {
                throw tar.error(e.dataOffset, "entry " + e.name + " is not an atomic proposition of index.json");
            }
            arrays.aps.put(id, d.bits(ix.numStates));
            return;
        }
        String rest = e.name.substring("annotations/rewards/".length());
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        UmbIndex.Annotation r = ix.reward(id);
        if (r == null) {
            throw tar.error(e.dataOffset, "entry " + e.name + " is not a reward annotation of index.json");
        }
        String what = rest.substring(slash + 1);
        if (what.equals("states/values.bin") && r.onStates) {
            arrays.stateRewards.put(id, d.doubles(ix.numStates));
        } else if (what.equals("choices/values.bin") && r.onChoices) {
            arrays.choiceRewards.put(id, d.doubles(ix.numChoices));
        } else if (what.equals("branches/values.bin") && r.onBranches) {
            arrays.branchRewards.put(id, d.doubles(ix.numBranches));
        } else {
            throw tar.error(e.dataOffset, "entry " + e.name + " does not match the \"applies-to\" of reward \""
                    + id + "\" in index.json");
        }
    }

    /** Decodes one entry, first checking that its size is the one the index implies. */
    private final class EntryDecoder {
        private final TarReader.Entry e;
        private final Source src;

        EntryDecoder(TarReader.Entry e, Source src) {
            this.e = e;
            this.src = src;
        }

        private void expectSize(long bytes, String meaning) throws ModelFormatException {
            if (e.size != bytes) {
                throw tar.error(e.dataOffset, "entry " + e.name + " has " + e.size + " bytes, but index.json implies "
                        + bytes + " (" + meaning + ")");
            }
        }

        int[] csr(int n, int total, String what) throws IOException {
            expectSize(8L * (n + 1), (n + 1) + " uint64 offsets");
            int[] a = new int[n + 1];
            long[] bad = new long[1];
            int i = readUint64(a, n + 1, total, bad);
            if (i >= 0) {
                throw tar.error(e.dataOffset + 8L * i, e.name + "[" + i + "] = " + Long.toUnsignedString(bad[0])
                        + " exceeds the count " + total);
            }
            if (a[0] != 0) {
                throw tar.error(e.dataOffset, e.name + "[0] = " + a[0] + ", but a CSR mapping must start at 0");
            }
            for (int j = 0; j < n; j++) {
                if (a[j + 1] < a[j]) {
                    throw tar.error(e.dataOffset + 8L * (j + 1), e.name + ": offsets decrease at " + what + " " + j
                            + " (" + a[j] + " then " + a[j + 1] + ")");
                }
            }
            if (a[n] != total) {
                throw tar.error(e.dataOffset + 8L * n, e.name + ": the last offset is " + a[n] + ", not the count "
                        + total + " from index.json");
            }
            return a;
        }

        long[] csrLong(int n) throws IOException {
            expectSize(8L * (n + 1), (n + 1) + " uint64 offsets");
            try {
                HeapCheck.ensureFree(12L * (n + 1), "entry " + e.name);
            } catch (InvalidModelException ex) {
                throw tar.error(e.dataOffset, ex.getMessage());
            }
            int[] a = new int[n + 1];
            long[] bad = new long[1];
            int i = readUint64(a, n + 1, UmbIndex.MAX_COUNT, bad);
            if (i >= 0) {
                throw tar.error(e.dataOffset + 8L * i, e.name + "[" + i + "] = " + Long.toUnsignedString(bad[0])
                        + " is too large");
            }
            long[] out = new long[n + 1];
            for (int j = 0; j <= n; j++) {
                out[j] = a[j];
                if (j > 0 && a[j] < a[j - 1]) {
                    throw tar.error(e.dataOffset + 8L * j, e.name + ": offsets decrease at " + j);
                }
            }
            if (a[0] != 0) {
                throw tar.error(e.dataOffset, e.name + "[0] must be 0");
            }
            return out;
        }

        int[] uint64(int n, long max, String what) throws IOException {
            expectSize(8L * n, n + " uint64 values");
            int[] a = new int[n];
            long[] bad = new long[1];
            int i = readUint64(a, n, max, bad);
            if (i >= 0) {
                throw tar.error(e.dataOffset + 8L * i, e.name + "[" + i + "]: " + what + " "
                        + Long.toUnsignedString(bad[0]) + " out of range 0.." + max);
            }
            return a;
        }

        int[] uint32(int n, int limit) throws IOException {
            expectSize(4L * n, n + " uint32 values");
            int[] a = new int[n];
            int i = readUint32(a, n, limit);
            if (i >= 0) {
                throw tar.error(e.dataOffset + 4L * i, e.name + "[" + i + "]: action out of range 0.." + (limit - 1));
            }
            return a;
        }

        double[] doubles(int n) throws IOException {
            expectSize(8L * n, n + " doubles");
            double[] a = new double[n];
            int i = 0;
            while (i < n) {
                int count = Math.min(LittleEndianArrays.Decoder.BLOCK / 8, n - i);
                src.read(decoder.block, 0, count * 8, e.name);
                decoder.doubles(a, i, count);
                i += count;
            }
            return a;
        }

        /**
         * Branch probabilities: doubles, each checked to lie in [0, 1] while its block is in the
         * cache (the error names its byte offset).
         */
        double[] probabilities(int n) throws IOException {
            expectSize(8L * n, n + " doubles");
            double[] a = new double[n];
            int i = 0;
            while (i < n) {
                int count = Math.min(LittleEndianArrays.Decoder.BLOCK / 8, n - i);
                src.read(decoder.block, 0, count * 8, e.name);
                decoder.doubles(a, i, count);
                boolean bad = false;
                for (int k = i; k < i + count; k++) {
                    bad |= !(a[k] >= 0.0 & a[k] <= 1.0);
                }
                for (int k = i; bad && k < i + count; k++) {
                    if (!(a[k] >= 0.0 && a[k] <= 1.0)) {
                        throw tar.error(e.dataOffset + 8L * k, e.name + "[" + k + "] = " + a[k]
                                + " is not a probability");
                    }
                }
                i += count;
            }
            return a;
        }

        boolean[] bits(int n) throws IOException {
            long bytes = ((n + 63L) / 64) * 8;
            expectSize(bytes, "a bit set of " + n + " entries in 64-bit words");
            byte[] b = new byte[(int) bytes];
            src.read(b, 0, b.length, e.name);
            boolean[] out = new boolean[n];
            for (int i = 0; i < b.length * 8; i++) {
                boolean set = ((b[i >>> 3] >>> (i & 7)) & 1) != 0;
                if (i < n) {
                    out[i] = set;
                } else if (set) {
                    throw tar.error(e.dataOffset + (i >>> 3), e.name + ": padding bit " + i + " is set");
                }
            }
            return out;
        }

        byte[] bytes(long max) throws IOException {
            if (e.size > max) {
                throw tar.error(e.dataOffset, "entry " + e.name + " of " + e.size + " bytes is too large");
            }
            try {
                HeapCheck.ensureFree(e.size, "entry " + e.name);
            } catch (InvalidModelException ex) {
                throw tar.error(e.dataOffset, ex.getMessage());
            }
            byte[] b = new byte[(int) e.size];
            src.read(b, 0, b.length, e.name);
            return b;
        }

        private int readUint64(int[] dest, int n, long max, long[] bad) throws IOException {
            int i = 0;
            while (i < n) {
                int count = Math.min(LittleEndianArrays.Decoder.BLOCK / 8, n - i);
                src.read(decoder.block, 0, count * 8, e.name);
                int j = decoder.uint64(dest, i, count, max, bad);
                if (j >= 0) {
                    return i + j;
                }
                i += count;
            }
            return -1;
        }

        private int readUint32(int[] dest, int n, long limit) throws IOException {
            int i = 0;
            while (i < n) {
                int count = Math.min(LittleEndianArrays.Decoder.BLOCK / 4, n - i);
                src.read(decoder.block, 0, count * 4, e.name);
                int j = decoder.uint32(dest, i, count, limit);
                if (j >= 0) {
                    return i + j;
                }
                i += count;
            }
            return -1;
        }
    }
}
