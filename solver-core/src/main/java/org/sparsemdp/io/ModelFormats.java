package org.sparsemdp.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sparsemdp.io.cassandra.CassandraReader;
import org.sparsemdp.io.cassandra.CassandraWriter;
import org.sparsemdp.io.drn.DrnReader;
import org.sparsemdp.io.drn.DrnWriter;
import org.sparsemdp.io.mdp.MdpTextReader;
import org.sparsemdp.io.mdp.MdpTextWriter;
import org.sparsemdp.io.prism.PrismExplicitReader;
import org.sparsemdp.io.prism.PrismExplicitWriter;
import org.sparsemdp.io.umb.UmbOptions;
import org.sparsemdp.io.umb.UmbReader;
import org.sparsemdp.io.umb.UmbWriter;
import org.sparsemdp.model.Mdp;

/**
 * The model file formats: one place to read any model file and to write a {@link LoadedModel} in
 * any writable format, with what each format holds.
 *
 * <table>
 *   <caption>Formats and what they hold besides the transitions</caption>
 *   <tr><th>name</th><th>files</th><th>holds</th></tr>
 *   <tr><td>mdp</td><td>{@code .mdp}</td><td>objective, discount, one initial state, action labels, one
 *       reward per choice</td></tr>
 *   <tr><td>prism</td><td>{@code .tra} (+ {@code .lab}, {@code .srew}, {@code .trew})</td><td>labels, initial
 *       states ({@code init}), action labels, any number of named reward structures with state and
 *       choice parts</td></tr>
 *   <tr><td>drn</td><td>{@code .drn}</td><td>the same as prism</td></tr>
 *   <tr><td>umb</td><td>{@code .umb}</td><td>the same, plus objective and discount (in
 *       {@code file-data.parameters})</td></tr>
 *   <tr><td>cassandra</td><td>{@code .pomdp}, {@code .cassandra}</td><td>objective, discount, initial
 *       states, action names, one reward per choice</td></tr>
 * </table>
 *
 * <p>Detection ({@link #detect}): a file whose decompressed content is a tar archive is UMB
 * whatever its name; otherwise the name decides (after a {@code .gz}/{@code .xz} suffix), except
 * that a {@code .mdp} file whose first word is not {@code mdp} is Cassandra's format (pomdp-solve's
 * MDP files use {@code .mdp} too); a name that tells nothing leaves the choice to the content
 * ({@link #detect(String, byte[])}).
 *
 * <p>Writing ({@link #write(LoadedModel, Path, ModelFormat, Set)}) never drops anything silently:
 * what the target cannot hold ({@link FormatLosses}) is an error unless that feature is dropped
 * explicitly. Files are written to temporary files and moved into place when all are complete
 * ({@link AtomicOutputFiles}); a name ending in {@code .gz} or {@code .xz} is compressed.
 */
public final class ModelFormats {
    /** The native text format. */
    public static final ModelFormat MDP = new ModelFormat("mdp", List.of(".mdp"),
            EnumSet.of(ModelFeature.OBJECTIVE, ModelFeature.DISCOUNT, ModelFeature.REWARDS, ModelFeature.ACTION_LABELS),
            false, false, m -> true,
            (f, o) -> LoadedModel.withOwnRewards(MdpTextReader.read(f)),
            (in, name, o) -> LoadedModel.withOwnRewards(MdpTextReader.read(in, name)),
            (m, f, files) -> {
                try (OutputStream out = files.open(f)) {
                    MdpTextWriter.write(singleRewardMdp(m), out);
                }
            });
    /** PRISM's explicit format. */
    public static final ModelFormat PRISM = new ModelFormat("prism", List.of(".tra"),
            EnumSet.of(ModelFeature.LABELS, ModelFeature.REWARDS, ModelFeature.STATE_REWARDS,
                    ModelFeature.INITIAL_STATES, ModelFeature.ACTION_LABELS),
            true, true, m -> true,
            (f, o) -> PrismExplicitReader.read(f),
            (in, name, o) -> LoadedModel.of(PrismExplicitReader.readTransitions(in, name)),
            PrismExplicitWriter::write);
    /** Storm's DRN format (labels only on state lines: a label no state carries cannot be written). */
    public static final ModelFormat DRN = new ModelFormat("drn", List.of(".drn"),
            EnumSet.of(ModelFeature.LABELS, ModelFeature.REWARDS, ModelFeature.STATE_REWARDS,
                    ModelFeature.INITIAL_STATES, ModelFeature.ACTION_LABELS),
            true, false, m -> true,
            (f, o) -> DrnReader.read(f),
            (in, name, o) -> DrnReader.read(in, name),
            (m, f, files) -> {
                try (OutputStream out = files.open(f)) {
                    DrnWriter.write(m, out);
                }
            });
    /** The UMB binary format. */
    public static final ModelFormat UMB = new ModelFormat("umb", List.of(".umb"), EnumSet.allOf(ModelFeature.class),
            true, true, m -> true,
            (f, o) -> UmbReader.readModel(f, UmbOptions.defaults().underlyingMdpOfPomdp(o.pomdpAsMdp())
                    .reward(o.umbReward())),
            (in, name, o) -> UmbReader.readModel(in, name, UmbOptions.defaults().underlyingMdpOfPomdp(o.pomdpAsMdp())
                    .reward(o.umbReward())),
            (m, f, files) -> {
                try (OutputStream out = files.open(f)) {
                    UmbWriter.write(m, out);
                }
            });
    /** Cassandra's POMDP/MDP format. */
    public static final ModelFormat CASSANDRA = new ModelFormat("cassandra", List.of(".pomdp", ".cassandra"),
            EnumSet.of(ModelFeature.OBJECTIVE, ModelFeature.DISCOUNT, ModelFeature.REWARDS,
                    ModelFeature.INITIAL_STATES, ModelFeature.ACTION_LABELS),
            false, false, m -> CassandraWriter.whyNotExpressible(m) != null || CassandraWriter.writesActionNames(m),
            (f, o) -> LoadedModel.withOwnRewards(CassandraReader.read(f, o.pomdpAsMdp())),
            (in, name, o) -> LoadedModel.withOwnRewards(CassandraReader.read(in, name, o.pomdpAsMdp())),
            (m, f, files) -> {
                try (OutputStream out = files.open(f)) {
                    CassandraWriter.write(singleRewardMdp(m), out);
                }
            });

    private static final List<ModelFormat> ALL = List.of(MDP, PRISM, DRN, UMB, CASSANDRA);

    private ModelFormats() {
    }

    /** Every format, in the order shown to users. */
    public static List<ModelFormat> all() {
        return ALL;
    }

    /** The names, comma-separated. */
    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (ModelFormat f : ALL) {
            sb.append(sb.length() == 0 ? "" : ", ").append(f.name());
        }
        return sb.toString();
    }

    /**
     * The format called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known formats
     */
    public static ModelFormat byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (ModelFormat f : ALL) {
            if (f.name().equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "'; known formats: " + names());
    }

    /** The format whose suffix ends {@code fileName} (a compression suffix removed first), or null. */
    public static ModelFormat bySuffix(String fileName) {
        String n = Compression.stripCompressionSuffix(fileName).toLowerCase(Locale.ROOT);
        for (ModelFormat f : ALL) {
            for (String s : f.suffixes()) {
                if (n.endsWith(s)) {
                    return f;
                }
            }
        }
        return null;
    }

    /**
     * The format of an existing {@code file}, from its name and content ({@link #detect(String, byte[])}
     * on the first 4 KiB of the decompressed content).
     *
     * @throws UnknownFormatException (an IllegalArgumentException) if neither tells
     */
    public static ModelFormat detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Compression.open(file)) {
            head = in.readNBytes(HEAD_BYTES);
        }
        Path name = file.getFileName();
        ModelFormat f = detect(name == null ? null : name.toString(), head);
        if (f == null) {
            throw new UnknownFormatException(file + ": cannot tell the format from the file name or content; name it"
                    + " (auto, " + names() + ")");
        }
        return f;
    }

    /** Bytes of the decompressed content {@link #detect(Path)} examines. */
    public static final int HEAD_BYTES = 4096;

    /**
     * The format told by a file name (may be null, e.g. for standard input) and the first bytes of
     * the decompressed content, or null if neither tells: a tar archive is UMB whatever its name;
     * a {@code .mdp} whose first word is not {@code mdp} is Cassandra's format (pomdp-solve's MDP
     * files also end in {@code .mdp}); otherwise the name's suffix decides, and without one the
     * content: a first content line starting with the word {@code mdp} is the native format,
     * with {@code @} or {@code //} DRN, with a Cassandra keyword and ':' ({@code discount:},
     * {@code states:}, ...) Cassandra's, with three integers a PRISM {@code .tra}.
     */
    public static ModelFormat detect(String fileName, byte[] head) {
        if (head.length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            return UMB;
        }
        ModelFormat byName = fileName == null ? null : bySuffix(fileName);
        if (byName == MDP && !firstWordIsMdp(head)) {
            return CASSANDRA;
        }
        return byName != null ? byName : byContent(head);
    }

    private static ModelFormat byContent(byte[] head) {
        String line = firstContentLine(head);
        if (line == null) {
            return null;
        }
        if (line.equals("mdp") || line.startsWith("mdp ") || line.startsWith("mdp\t")) {
            return MDP;
        }
        if (line.startsWith("@") || line.startsWith("//")) {
            return DRN;
        }
        if (line.matches("(?i)(discount|values|states|actions|observations|start|T|O|R)\\s*:.*")) {
            return CASSANDRA;
        }
        if (line.matches("\\d+\\s+\\d+\\s+\\d+")) {
            return PRISM;
        }
        return null;
    }

    /**
     * The first line of {@code head} with content, '#' comments removed and trimmed, after a UTF-8
     * byte order mark; "mdp" for UTF-16 text or binary (whose native reader explains the
     * problem); null if none.
     */
    private static String firstContentLine(byte[] head) {
        int from = 0;
        if (head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
            from = 3;
        } else if (head.length >= 2 && (head[0] == 0 || head[1] == 0 || ((head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff)
                || ((head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe))) {
            return "mdp";
        }
        String text = new String(head, from, head.length - from, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (!content.isEmpty()) {
                return content;
            }
        }
        return null;
    }

    /** The format to read {@code file} with: {@code format} by name, or detected for {@code auto} or null. */
    public static ModelFormat forReading(Path file, String format) throws IOException {
        return format == null || format.equalsIgnoreCase("auto") ? detect(file) : byName(format);
    }

    /**
     * The format to write {@code file} in: {@code format} by name, or from the file name for
     * {@code auto} or null.
     *
     * @throws IllegalArgumentException for an unknown or read-only format, or a name that tells none
     */
    public static ModelFormat forWriting(Path file, String format) {
        ModelFormat f = format == null || format.equalsIgnoreCase("auto") ? bySuffix(file.getFileName().toString())
                : byName(format);
        if (f == null) {
            throw new IllegalArgumentException(file + ": cannot tell the output format from the file name; name it ("
                    + names() + ")");
        }
        f.writer(); // read-only formats fail here
        return f;
    }

    /** Reads {@code file} in its detected format with default options. */
    public static LoadedModel read(Path file) throws IOException {
        return read(file, "auto", ModelReadOptions.DEFAULTS);
    }

    /** Reads {@code file} in {@code format} ({@code auto}: detected) with default options. */
    public static LoadedModel read(Path file, String format) throws IOException {
        return read(file, format, ModelReadOptions.DEFAULTS);
    }

    /** Reads {@code file} in {@code format} ({@code auto}: detected). */
    public static LoadedModel read(Path file, String format, ModelReadOptions options) throws IOException {
        return forReading(file, format).reader().read(file, options);
    }

    /**
     * Reads a model once from a stream (standard input, a pipe or FIFO, a socket): gzip/xz are
     * detected by their magic bytes and decompressed; with {@code format} {@code auto} (or null)
     * the format is told by {@code fileName} and the first {@value #HEAD_BYTES} bytes of the
     * content ({@link #detect(String, byte[])}), which are kept for the reader. The reader is the
     * format's {@link ModelFormat#streamReader()}: what the stream holds, no files beside it. The
     * stream is closed.
     *
     * @param in       the raw stream
     * @param source   names the input in messages (e.g. {@code <stdin>})
     * @param fileName the name the format may be told by, or null (standard input)
     * @param format   a format name, or {@code auto}/null
     * @throws UnknownFormatException if the format is {@code auto} and neither name nor content tells it
     * @throws ModelFormatException   naming {@code source} and the line of a problem in the content
     */
    public static LoadedModel read(InputStream in, String source, String fileName, String format,
                                   ModelReadOptions options) throws IOException {
        try (InputStream buffered = new BufferedInputStream(Compression.decompressing(in, source), 1 << 16)) {
            ModelFormat f;
            if (format == null || format.equalsIgnoreCase("auto")) {
                buffered.mark(HEAD_BYTES);
                byte[] head = buffered.readNBytes(HEAD_BYTES);
                buffered.reset();
                f = detect(fileName, head);
                if (f == null) {
                    throw new UnknownFormatException(source + ": cannot tell the model format from "
                            + (fileName == null ? "" : "the name or ") + "the content; name it (auto, " + names() + ")");
                }
            } else {
                f = byName(format);
            }
            return f.streamReader().read(buffered, source, options);
        }
    }

    /**
     * Writes {@code model} to {@code file} in {@code format} ({@code auto}: from the name), losing
     * nothing: what the format cannot hold is an error.
     *
     * @return the format written
     */
    public static ModelFormat write(LoadedModel model, Path file, String format) throws IOException {
        return write(model, file, forWriting(file, format), Set.of());
    }

    /**
     * Writes {@code model} without the features {@code drop} ({@link FormatLosses#drop(LoadedModel, Set,
     * ModelFormat)}) to
     * {@code file} (and, for PRISM, the files beside it) in {@code format}, atomically.
     *
     * @return {@code format}
     * @throws IllegalArgumentException if the format would lose a feature not in {@code drop}
     *                                  (naming each), or cannot be written
     * @throws IOException              if the format cannot express the model's structure (e.g.
     *                                  Cassandra's with differing action sets) or writing fails;
     *                                  no target file is then changed
     */
    public static ModelFormat write(LoadedModel model, Path file, ModelFormat format, Set<ModelFeature> drop)
            throws IOException {
        ModelFormat.Writer writer = format.writer();
        LoadedModel m = FormatLosses.drop(model, drop, format);
        FormatLosses.check(m, format, drop);
        try (AtomicOutputFiles files = new AtomicOutputFiles()) {
            writer.write(m, file, files);
            files.commit();
        }
        return format;
    }

    /**
     * The MDP with the rewards of the model's first reward structure (state part folded in), as
     * the formats with one reward per choice write it.
     */
    static Mdp singleRewardMdp(LoadedModel model) {
        List<RewardStructure> rs = model.rewardStructuresOrOwnRewards();
        return rs.isEmpty() ? model.mdp() : model.mdp().withRewards(rs.get(0).perChoice(model.mdp()));
    }

    private static boolean firstWordIsMdp(byte[] head) {
        String content = firstContentLine(head);
        if (content == null) {
            return true; // empty or only comments: let the native reader report it
        }
        return content.startsWith("mdp") && (content.length() == 3 || Character.isWhitespace(content.charAt(3)));
    }
}
