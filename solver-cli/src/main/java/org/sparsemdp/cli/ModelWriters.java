package org.sparsemdp.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.sparsemdp.io.Compression;
import org.sparsemdp.io.mdp.MdpTextWriter;
import org.sparsemdp.model.Mdp;

/**
 * Writes model files for the commands: the one place that maps a format name (from {@code --to}
 * or the file name) to a writer. Output goes through {@link AtomicFiles}, gzip-compressed when the
 * file name ends in {@code .gz}. New formats are one {@code case} here plus their name in
 * {@link #FORMATS}.
 */
final class ModelWriters {
    /** Formats known to {@code --to}. */
    static final String FORMATS = "auto, mdp";

    private ModelWriters() {
    }

    /**
     * Writes {@code mdp} to {@code file} in {@code format} ({@code auto} or null: from the file
     * name, ignoring a trailing {@code .gz}).
     *
     * @throws IllegalArgumentException for an unknown format or a name that gives none
     */
    static void write(Mdp mdp, Path file, String format) throws IOException {
        String f = resolve(file, format);
        String name = file.getFileName().toString();
        switch (f) {
            case "mdp":
                AtomicFiles.write(file, out -> {
                    OutputStream o = Compression.compressing(out, name);
                    MdpTextWriter.write(mdp, o);
                    if (o instanceof GZIPOutputStream) {
                        ((GZIPOutputStream) o).finish(); // AtomicFiles closes the file itself
                    }
                    o.flush();
                });
                return;
            default:
                throw new IllegalArgumentException("unknown output format '" + format + "'; known formats: " + FORMATS);
        }
    }

    /** The format that {@link #write} would use. */
    static String resolve(Path file, String format) {
        String f = format == null ? "auto" : format.toLowerCase(Locale.ROOT);
        if (!f.equals("auto")) {
            return f;
        }
        String name = Compression.stripCompressionSuffix(file.getFileName().toString()).toLowerCase(Locale.ROOT);
        if (name.endsWith(".mdp")) {
            return "mdp";
        }
        throw new IllegalArgumentException(file + ": cannot tell the output format from the file name; use --to ("
                + FORMATS + ")");
    }
}
