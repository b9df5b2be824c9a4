package org.sparsemdp.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.sparsemdp.io.Compression;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;

/**
 * The one way the command line writes model files ({@code convert}, {@code generate}): the format
 * from {@code --to} or the file name ({@link ModelFormat}), compression from a {@code .gz} or
 * {@code .xz} suffix, and an atomic replace of the target ({@link AtomicFiles}), so a failed or
 * interrupted write never leaves a truncated file.
 */
final class ModelWriters {
    private ModelWriters() {
    }

    /**
     * Writes {@code mdp} to {@code file} in {@code format} ({@code auto} or null: from the file
     * name, ignoring a trailing compression suffix).
     *
     * @return the format used
     * @throws IllegalArgumentException for an unknown or read-only format, or a name that gives none
     * @throws IOException              if the format cannot express the model, or writing fails
     */
    static ModelFormat write(Mdp mdp, Path file, String format) throws IOException {
        return write(LoadedModel.of(mdp), file, format);
    }

    /** Writes {@code model} (with its labels where the format has them); see {@link #write(Mdp, Path, String)}. */
    static ModelFormat write(LoadedModel model, Path file, String format) throws IOException {
        ModelFormat target = resolve(file, format);
        if (target.writer() == null) {
            throw new IllegalArgumentException("format '" + target.name() + "' can be read but not written");
        }
        String name = file.getFileName().toString();
        AtomicFiles.write(file, raw -> {
            OutputStream out = Compression.compressing(raw, name);
            target.writer().write(model, out);
            out.close(); // finishes gzip/xz; AtomicFiles tolerates the closed stream
        });
        return target;
    }

    /** The format that {@link #write} would use. */
    static ModelFormat resolve(Path file, String format) {
        if (format != null && !format.equalsIgnoreCase("auto")) {
            return ModelFormat.byName(format);
        }
        ModelFormat f = ModelFormat.bySuffix(Compression.stripCompressionSuffix(file.getFileName().toString()));
        if (f == null) {
            throw new IllegalArgumentException(file + ": cannot tell the output format from the file name; use --to ("
                    + ModelFormat.names() + ")");
        }
        return f;
    }
}
