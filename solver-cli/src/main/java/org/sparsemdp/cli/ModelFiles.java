package org.sparsemdp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.ModelFormats;
import org.sparsemdp.io.ModelReadOptions;
import org.sparsemdp.io.SideFiles;
import org.sparsemdp.io.UnknownFormatException;
import org.sparsemdp.model.Mdp;

/**
 * Loads model files for the commands, choosing the format from {@code --format} or, with
 * {@code auto}, by {@link ModelFormats#detect} (name and content).
 *
 * <p>Standard input ({@code -}) and files that are not regular (a pipe, a FIFO, a device) are read
 * once, as streams, by the library's {@link ModelFormats#read(InputStream, String, String, String,
 * ModelReadOptions)}: the format comes from {@code --format}, else from the name (a FIFO), else
 * from the first bytes of the content, which are kept for the reader; the readers then skip their
 * first pass ({@code LineCensus}) and grow their arrays. A regular file is read as before.
 */
final class ModelFiles {
    /** The file name that means standard input. */
    static final String STDIN = "-";
    /** Standard input, as read for {@code -} (tests replace it). */
    static InputStream stdin = System.in;

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
        String fileName = stdinGiven || file.getFileName() == null ? null : file.getFileName().toString();
        try {
            return ModelFormats.read(raw, name, fileName, format,
                    new ModelReadOptions(options.pomdpAsMdp(), options.reward()));
        } catch (UnknownFormatException e) {
            throw new IllegalArgumentException(name + ": cannot tell the model format from "
                    + (stdinGiven ? "" : "the name or ") + "the content; use --format (" + FORMATS + ")", e);
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
            return SideFiles.withLabels(model, labels);
        }
        ModelFormat f = formatOf(file, format);
        if (explicitRewards && !f.name().equals("prism")) {
            throw new IllegalArgumentException("--state-rewards and --transition-rewards apply to PRISM explicit files"
                    + " (.tra), not to format '" + f.name() + "'");
        }
        return SideFiles.read(file, f.format(), labels, stateRewards, transitionRewards);
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
