package org.sparsemdp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparsemdp.io.Compression;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.cassandra.CassandraReader;
import org.sparsemdp.io.drn.DrnReader;
import org.sparsemdp.io.mdp.MdpTextReader;
import org.sparsemdp.io.prism.PrismExplicitReader;
import org.sparsemdp.io.umb.UmbOptions;
import org.sparsemdp.io.umb.UmbReader;
import org.sparsemdp.model.Mdp;

/**
 * Loads model files for the commands, choosing the format from {@code --format} or, with
 * {@code auto}, from the file name ({@link ModelFormat#bySuffix}) — except that a {@code .mdp}
 * file whose first word is not {@code mdp} is read as Cassandra's format (pomdp-solve's MDP files
 * also end in {@code .mdp}), a file whose decompressed content is a tar archive is read as
 * UMB whatever its name, and a name that tells nothing leaves the choice to the content
 * ({@link #byContent}).
 *
 * <p>Standard input ({@code -}) and files that are not regular (a pipe, a FIFO, a device) are read
 * once, as streams: the format comes from {@code --format}, else from the name (a FIFO), else from
 * the first bytes of the content, which are kept for the reader; the readers then skip their
 * first pass ({@code LineCensus}) and grow their arrays. A regular file is read as before.
 */
final class ModelFiles {
    /** The file name that means standard input. */
    static final String STDIN = "-";
    /** Standard input, as read for {@code -} (tests replace it). */
    static InputStream stdin = System.in;
    /** Bytes of the decompressed content examined to tell the format. */
    private static final int HEAD_BYTES = 4096;

    private ModelFiles() {
    }

    /**
     * Reads {@code file} in {@code format} ({@code auto} or null: from name and content), with
     * its labels and reward structures where the format has them; a stream (see the class
     * comment) is read once.
     */
    static LoadedModel read(Path file, String format, ReadOptions options) throws IOException {
        if (!isStream(file)) {
            return formatOf(file, format).reader().read(file, options);
        }
        boolean stdinGiven = file.toString().equals(STDIN);
        String name = stdinGiven ? "<stdin>" : file.toString();
        InputStream raw = stdinGiven ? stdin : new java.io.FileInputStream(file.toFile());
        try (InputStream in = new java.io.BufferedInputStream(Compression.decompressing(raw, name), 1 << 16)) {
            in.mark(HEAD_BYTES);
            byte[] head = in.readNBytes(HEAD_BYTES);
            in.reset();
            ModelFormat f;
            String requested = format == null ? "auto" : format;
            if (!requested.equalsIgnoreCase("auto")) {
                f = ModelFormat.byName(requested);
            } else {
                ModelFormat byName = stdinGiven ? null : byName(file, head);
                f = byName != null ? byName : byContent(head);
                if (f == null) {
                    throw new IllegalArgumentException(name + ": cannot tell the model format from "
                            + (stdinGiven ? "" : "the name or ") + "the content; use --format (" + FORMATS + ")");
                }
            }
            return readStream(f, in, name, options);
        }
    }

    /** Whether {@code file} is read as a stream: {@code -} (standard input) or an existing file that is not regular. */
    static boolean isStream(Path file) {
        return file.toString().equals(STDIN) || (Files.exists(file) && !Files.isRegularFile(file)
                && !Files.isDirectory(file));
    }

    /** Reads a model of format {@code f} from the stream {@code in} (decompressed); {@code name} names it in errors. */
    static LoadedModel readStream(ModelFormat f, InputStream in, String name, ReadOptions o) throws IOException {
        switch (f.name()) {
            case "mdp":
                return LoadedModel.of(MdpTextReader.read(in, name));
            case "prism":
                return LoadedModel.of(PrismExplicitReader.readTransitions(in, name));
            case "drn":
                return DrnReader.read(in, name);
            case "umb":
                return LoadedModel.of(UmbReader.read(in, name, UmbOptions.defaults().underlyingMdpOfPomdp(o.pomdpAsMdp())
                        .reward(o.reward())));
            case "cassandra":
                return LoadedModel.of(CassandraReader.read(in, name, o.pomdpAsMdp()));
            default:
                throw new IllegalArgumentException("format '" + f.name() + "' cannot be read from a stream");
        }
    }

    /** Formats known to {@code --format}. */
    static final String FORMATS = "auto, " + ModelFormat.names();

    static Mdp load(Path file, String format) throws IOException {
        return load(file, format, ReadOptions.DEFAULTS);
    }

    static Mdp load(Path file, String format, ReadOptions options) throws IOException {
        return read(file, format, options).mdp();
    }

    /**
     * Loads {@code file} with its labels and reward structures. For PRISM files, explicit
     * {@code labels} (merged) replace the {@code .lab} found beside the {@code .tra}, and explicit
     * reward files (either may be null) form the only reward structure instead of the
     * {@code .srew}/{@code .trew} found beside it; for the other formats, label files (PRISM or
     * Storm {@code .lab} syntax) are merged into the file's own labels.
     */
    static LoadedModel loadModel(Path file, String format, List<Path> labels, Path stateRewards,
                                 Path transitionRewards) throws IOException {
        boolean explicitRewards = stateRewards != null || transitionRewards != null;
        if (isStream(file)) {
            if (explicitRewards) {
                throw new IllegalArgumentException("--state-rewards and --transition-rewards need the model as a"
                        + " regular .tra file, not a stream");
            }
            LoadedModel model = read(file, format, ReadOptions.DEFAULTS);
            return labels.isEmpty() ? model : withLabels(model, labels);
        }
        ModelFormat f = formatOf(file, format);
        if (f.name().equals("prism")) {
            return PrismExplicitReader.read(file,
                    labels.isEmpty() ? PrismExplicitReader.labelFilesBeside(file) : labels,
                    explicitRewards
                            ? List.of(new PrismExplicitReader.RewardFiles(null, stateRewards, transitionRewards))
                            : PrismExplicitReader.rewardFilesBeside(file));
        }
        if (explicitRewards) {
            throw new IllegalArgumentException("--state-rewards and --transition-rewards apply to PRISM explicit files"
                    + " (.tra), not to format '" + f.name() + "'");
        }
        LoadedModel model = f.reader().read(file, ReadOptions.DEFAULTS);
        return labels.isEmpty() ? model : withLabels(model, labels);
    }

    /** {@code model} with the labels of {@code files} merged into its own. */
    private static LoadedModel withLabels(LoadedModel model, List<Path> files) throws IOException {
        Map<String, BitSet> labels = new LinkedHashMap<>();
        for (String name : model.labelNames()) {
            labels.put(name, model.label(name));
        }
        for (Path p : files) {
            try (InputStream in = Compression.open(p)) {
                PrismExplicitReader.readLabels(in, p.toString(), model.mdp().numStates(), labels);
            }
        }
        Map<String, double[]> rewards = new LinkedHashMap<>();
        for (String name : model.rewardStructureNames()) {
            rewards.put(name, model.rewards(name));
        }
        return LoadedModel.assemble(model.mdp(), labels, rewards);
    }

    /** The format to read {@code file} with. */
    static ModelFormat formatOf(Path file, String format) throws IOException {
        String f = format == null ? "auto" : format.toLowerCase(Locale.ROOT);
        return f.equals("auto") ? detect(file) : ModelFormat.byName(f);
    }

    private static ModelFormat detect(Path file) throws IOException {
        byte[] head = head(file);
        if (head.length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            return ModelFormat.byName("umb");
        }
        ModelFormat byName = byName(file, head);
        ModelFormat f = byName != null ? byName : byContent(head);
        if (f != null) {
            return f;
        }
        throw new IllegalArgumentException(file + ": cannot tell the format from the file name or content; use --format ("
                + FORMATS + ")");
    }

    /** The format the name of {@code file} gives (a {@code .mdp} whose first word is not {@code mdp}: Cassandra), or null. */
    private static ModelFormat byName(Path file, byte[] head) {
        Path fileName = file.getFileName();
        if (fileName == null) {
            return null;
        }
        String name = Compression.stripCompressionSuffix(fileName.toString()).toLowerCase(Locale.ROOT);
        ModelFormat byName = ModelFormat.bySuffix(name);
        if (byName != null && byName.name().equals("mdp") && !firstWordIsMdp(head)) {
            return ModelFormat.byName("cassandra");
        }
        return byName;
    }

    /**
     * The format told by the first bytes of the (decompressed) content, or null: a tar archive is
     * UMB; a first content line starting with the word {@code mdp} is the native format, with
     * {@code @} or {@code //} DRN, with a Cassandra keyword and ':' ({@code discount:},
     * {@code states:}, ...) Cassandra's, with three integers a PRISM {@code .tra}.
     */
    static ModelFormat byContent(byte[] head) {
        if (head.length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            return ModelFormat.byName("umb");
        }
        String line = firstContentLine(head);
        if (line == null) {
            return null;
        }
        if (line.equals("mdp") || line.startsWith("mdp ") || line.startsWith("mdp\t")) {
            return ModelFormat.byName("mdp");
        }
        if (line.startsWith("@") || line.startsWith("//")) {
            return ModelFormat.byName("drn");
        }
        if (line.matches("(?i)(discount|values|states|actions|observations|start|T|O|R)\\s*:.*")) {
            return ModelFormat.byName("cassandra");
        }
        if (line.matches("\\d+\\s+\\d+\\s+\\d+")) {
            return ModelFormat.byName("prism");
        }
        return null;
    }

    /**
     * The first line of {@code head} with content, '#' comments removed and trimmed, after a UTF-8
     * byte order mark; "mdp" for UTF-16 text (whose reader explains the problem); null if none.
     */
    private static String firstContentLine(byte[] head) {
        int from = 0;
        if (head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
            from = 3;
        } else if (head.length >= 2 && (head[0] == 0 || head[1] == 0 || ((head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff)
                || ((head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe))) {
            return "mdp"; // UTF-16 (or binary): the native reader reports it as such
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

    /** The first 4 KiB of the decompressed content (empty if the file cannot be read). */
    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Compression.open(file)) {
            return in.readNBytes(4096);
        }
    }

    private static boolean firstWordIsMdp(byte[] head) {
        String content = firstContentLine(head);
        if (content == null) {
            return true; // empty or only comments: let the native reader report it
        }
        return content.startsWith("mdp") && (content.length() == 3 || Character.isWhitespace(content.charAt(3)));
    }
}
