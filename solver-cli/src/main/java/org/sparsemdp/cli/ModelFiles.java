package org.sparsemdp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparsemdp.io.Compression;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.ModelFormats;
import org.sparsemdp.io.cassandra.CassandraReader;
import org.sparsemdp.io.drn.DrnReader;
import org.sparsemdp.io.mdp.MdpTextReader;
import org.sparsemdp.io.prism.PrismExplicitReader;
import org.sparsemdp.io.umb.UmbOptions;
import org.sparsemdp.io.umb.UmbReader;
import org.sparsemdp.model.Mdp;

/**
 * Loads model files for the commands, choosing the format from {@code --format} or, with
 * {@code auto}, by {@link ModelFormats#detect} (name and content).
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
    private static final int HEAD_BYTES = ModelFormats.HEAD_BYTES;

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
                f = byContent(stdinGiven || file.getFileName() == null ? null : file.getFileName().toString(), head);
                if (f == null) {
                    throw new IllegalArgumentException(name + ": cannot tell the model format from "
                            + (stdinGiven ? "" : "the name or ") + "the content; use --format (" + FORMATS + ")");
                }
            }
            return readStream(f, in, name, options);
        }
    }

    /** The format {@link ModelFormats#detect(String, byte[])} tells from a name (may be null) and content, or null. */
    static ModelFormat byContent(String fileName, byte[] head) {
        org.sparsemdp.io.ModelFormat f = ModelFormats.detect(fileName, head);
        return f == null ? null : new ModelFormat(f);
    }

    /** The format the content alone tells, or null. */
    static ModelFormat byContent(byte[] head) {
        return byContent(null, head);
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
        if (org.sparsemdp.io.partitioned.PartitionIndex.isPartitioned(file)) {
            throw new IOException(file + " is a partitioned model directory (convert --partitions): solve it on"
                    + " Spark with solver-spark/bin/sparsemdp solve " + file + " --engine spark");
        }
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
                            : rewardFilesBeside(file));
        }
        if (explicitRewards) {
            throw new IllegalArgumentException("--state-rewards and --transition-rewards apply to PRISM explicit files"
                    + " (.tra), not to format '" + f.name() + "'");
        }
        LoadedModel model = f.reader().read(file, ReadOptions.DEFAULTS);
        return labels.isEmpty() ? model : withLabels(model, labels);
    }

    /** PRISM's reward files beside {@code tra}, else Storm's ({@link StormRewardFiles}). */
    private static List<PrismExplicitReader.RewardFiles> rewardFilesBeside(Path tra) throws IOException {
        List<PrismExplicitReader.RewardFiles> prism = PrismExplicitReader.rewardFilesBeside(tra);
        return prism.isEmpty() ? StormRewardFiles.beside(tra) : prism;
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
        return LoadedModel.assemble(model.mdp(), labels, model.rewardStructures());
    }

    /** The format to read {@code file} with. */
    static ModelFormat formatOf(Path file, String format) throws IOException {
        String f = format == null ? "auto" : format.toLowerCase(Locale.ROOT);
        return f.equals("auto") ? detect(file) : ModelFormat.byName(f);
    }

    private static ModelFormat detect(Path file) throws IOException {
        try {
            return new ModelFormat(ModelFormats.detect(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": cannot tell the format from the file name or content; use"
                    + " --format (" + FORMATS + ")", e);
        }
    }
}
