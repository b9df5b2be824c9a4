package org.sparsemdp.io.partitioned;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.io.Writer;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.model.Objective;

/**
 * The index of a partitioned model directory ({@value #FILE_NAME}): everything about the model
 * except its rows, small enough for the driver of a cluster, plus one {@link BlockEntry} per block
 * file. A text file, one item per line:
 *
 * <pre>
 * sparsemdp-partitioned 1
 * states S
 * choices C
 * transitions T
 * discount G
 * objective min|max
 * initial s
 * labels L
 * label NAME                (L lines, URL-encoded UTF-8, in label-index order)
 * blocks P
 * block id lo hi firstChoice choices transitions bytes crc32c-hex     (P lines, in state order)
 * end
 * </pre>
 *
 * The writer writes the index last (after every block file) and atomically, so a directory
 * whose conversion failed has no index. The blocks must cover the states 0..S−1 and the choices
 * 0..C−1 in order without gaps, and their counts must add up to the totals.
 */
public final class PartitionIndex implements Serializable {
    private static final long serialVersionUID = 1L;
    /** File name of the index inside the directory. */
    public static final String FILE_NAME = "index.smdp";
    /** First line's keyword. */
    static final String MAGIC = "sparsemdp-partitioned";
    /** Format version written and read. */
    public static final int VERSION = 1;
    /** Largest index file read (a real one holds a few lines per block and label). */
    static final long MAX_BYTES = 64L << 20;

    private final int states;
    private final int choices;
    private final long transitions;
    private final double discount;
    private final Objective objective;
    private final int initialState;
    private final List<String> actionLabels;
    private final List<BlockEntry> blocks;

    /** An index with the given totals and blocks (checked: see the class comment). */
    public PartitionIndex(int states, int choices, long transitions, double discount, Objective objective,
                          int initialState, List<String> actionLabels, List<BlockEntry> blocks) {
        this.states = states;
        this.choices = choices;
        this.transitions = transitions;
        this.discount = discount;
        this.objective = objective;
        this.initialState = initialState;
        this.actionLabels = List.copyOf(actionLabels);
        this.blocks = List.copyOf(blocks);
        String problem = problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Name of the file of block {@code id}. */
    public static String blockFileName(int id) {
        return String.format(Locale.ROOT, "block-%05d.bin", id);
    }

    /** Whether {@code dir} is a directory holding an index. */
    public static boolean isPartitioned(Path dir) {
        return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve(FILE_NAME));
    }

    private String problem() {
        if (states < 1) {
            return "a model needs at least one state, got " + states;
        }
        if (!(discount > 0 && discount <= 1)) {
            return "discount " + discount + " is not in (0, 1]";
        }
        if (initialState < 0 || initialState >= states) {
            return "initial state " + initialState + " is not one of the " + states + " states";
        }
        if (blocks.isEmpty()) {
            return "no blocks";
        }
        int lo = 0;
        long c = 0;
        long t = 0;
        for (int p = 0; p < blocks.size(); p++) {
            BlockEntry b = blocks.get(p);
            if (b.id() != p || b.lo() != lo || b.hi() <= b.lo() || b.firstChoice() != c || b.choices() < 0
                    || b.transitions() < 0) {
                return "block " + p + " (" + b.id() + ", states [" + b.lo() + ", " + b.hi() + "), choices from "
                        + b.firstChoice() + ") does not continue block " + (p - 1) + " (states from " + lo
                        + ", choices from " + c + ")";
            }
            lo = b.hi();
            c += b.choices();
            t += b.transitions();
        }
        if (lo != states || c != choices || t != transitions) {
            return "the blocks hold " + lo + " states, " + c + " choices and " + t + " transitions, the totals say "
                    + states + ", " + choices + " and " + transitions;
        }
        return null;
    }

    /** Writes this index as {@code dir/}{@value #FILE_NAME}, atomically (a temporary file moved into place). */
    public void write(Path dir) throws IOException {
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(MAGIC + " " + VERSION + "\n");
            w.write("states " + states + "\nchoices " + choices + "\ntransitions " + transitions + "\n");
            w.write("discount " + discount + "\nobjective " + objective.keyword() + "\ninitial " + initialState + "\n");
            w.write("labels " + actionLabels.size() + "\n");
            for (String label : actionLabels) {
                w.write("label " + URLEncoder.encode(label, StandardCharsets.UTF_8) + "\n");
            }
            w.write("blocks " + blocks.size() + "\n");
            for (BlockEntry b : blocks) {
                w.write("block " + b.id() + " " + b.lo() + " " + b.hi() + " " + b.firstChoice() + " " + b.choices() + " "
                        + b.transitions() + " " + b.bytes() + " " + Long.toHexString(b.crc()) + "\n");
            }
            w.write("end\n");
        }
        Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads {@code dir/}{@value #FILE_NAME}.
     *
     * @throws ModelFormatException naming the index file and line: missing, too large, a
     *                              malformed or missing line, counts that do not add up
     */
    public static PartitionIndex read(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        String name = file.toString();
        if (!Files.isDirectory(dir)) {
            throw ModelFormatException.inFile(dir.toString(), "not a directory of a partitioned model");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw ModelFormatException.inFile(name, "no index: not a partitioned model directory, or its conversion"
                    + " did not finish");
        }
        if (size > MAX_BYTES) {
            throw ModelFormatException.inFile(name, "the index has " + size + " bytes, more than the " + MAX_BYTES
                    + " an index can have");
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Lines in = new Lines(r, name);
            String[] head = in.fields(MAGIC, 1);
            if (!head[1].equals(Integer.toString(VERSION))) {
                throw in.error("format version " + head[1] + ", this reader knows version " + VERSION);
            }
            int states = in.intField("states");
            int choices = in.intField("choices");
            long transitions = in.longField("transitions");
            double discount = in.doubleField("discount");
            Objective objective;
            String keyword = in.fields("objective", 1)[1];
            try {
                objective = Objective.parse(keyword);
            } catch (IllegalArgumentException e) {
                throw in.error("objective '" + keyword + "' is not min or max");
            }
            int initial = in.intField("initial");
            int numLabels = in.intField("labels");
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < numLabels; i++) {
                String encoded = in.fields("label", 1)[1];
                try {
                    labels.add(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw in.error("label '" + encoded + "' is not URL-encoded");
                }
            }
            int numBlocks = in.intField("blocks");
            List<BlockEntry> blocks = new ArrayList<>();
            for (int p = 0; p < numBlocks; p++) {
                String[] f = in.fields("block", 8);
                try {
                    blocks.add(new BlockEntry(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                            Integer.parseInt(f[4]), Integer.parseInt(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]),
                            Long.parseUnsignedLong(f[8], 16)));
                } catch (NumberFormatException e) {
                    throw in.error("expected 'block id lo hi firstChoice choices transitions bytes crc'");
                }
            }
            in.fields("end", 0);
            try {
                return new PartitionIndex(states, choices, transitions, discount, objective, initial, labels, blocks);
            } catch (IllegalArgumentException e) {
                throw ModelFormatException.inFile(name, e.getMessage());
            }
        }
    }

    /** The lines of the index, each split on spaces and checked for its keyword. */
    private static final class Lines {
        final BufferedReader r;
        final String name;
        long line;

        Lines(BufferedReader r, String name) {
            this.r = r;
            this.name = name;
        }

        String[] fields(String keyword, int values) throws IOException {
            String text = r.readLine();
            line++;
            if (text == null) {
                throw error("the index ends early: expected '" + keyword + "' (truncated?)");
            }
            String[] f = text.split(" ", -1);
            if (!f[0].equals(keyword) || f.length != values + 1) {
                throw error("expected '" + keyword + "' and " + values + " value(s), got '"
                        + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + "'");
            }
            return f;
        }

        int intField(String keyword) throws IOException {
            String v = fields(keyword, 1)[1];
            try {
                int n = Integer.parseInt(v);
                if (n < 0) {
                    throw error(keyword + " " + n + " is negative");
                }
                return n;
            } catch (NumberFormatException e) {
                throw error(keyword + " '" + v + "' is not a non-negative int");
            }
        }

        long longField(String keyword) throws IOException {
            String v = fields(keyword, 1)[1];
            try {
                long n = Long.parseLong(v);
                if (n < 0) {
                    throw error(keyword + " " + n + " is negative");
                }
                return n;
            } catch (NumberFormatException e) {
                throw error(keyword + " '" + v + "' is not a non-negative number");
            }
        }

        double doubleField(String keyword) throws IOException {
            String v = fields(keyword, 1)[1];
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw error(keyword + " '" + v + "' is not a number");
            }
        }

        ModelFormatException error(String problem) {
            return new ModelFormatException(name, line, problem);
        }
    }

    /** Number of states. */
    public int states() {
        return states;
    }

    /** Number of choices. */
    public int choices() {
        return choices;
    }

    /** Number of transitions. */
    public long transitions() {
        return transitions;
    }

    /** Discount factor. */
    public double discount() {
        return discount;
    }

    /** Whether values are minimised or maximised. */
    public Objective objective() {
        return objective;
    }

    /** The initial state. */
    public int initialState() {
        return initialState;
    }

    /** The model's distinct action labels, by label index. */
    public List<String> actionLabels() {
        return actionLabels;
    }

    /** The blocks, in state order. */
    public List<BlockEntry> blocks() {
        return blocks;
    }

    /** First state of each block, and the number of states at the end (length blocks + 1). */
    public int[] bounds() {
        int[] b = new int[blocks.size() + 1];
        for (int p = 0; p < blocks.size(); p++) {
            b[p] = blocks.get(p).lo();
        }
        b[blocks.size()] = states;
        return b;
    }
}
