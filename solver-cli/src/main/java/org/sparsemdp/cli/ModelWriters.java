package org.sparsemdp.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.sparsemdp.io.FormatLossException;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.ModelFeature;
import org.sparsemdp.io.ModelFormats;
import org.sparsemdp.model.Mdp;

/**
 * The one way the command line writes model files ({@code convert}, {@code generate}): the format
 * from {@code --to} or the file name, compression from a {@code .gz} or {@code .xz} suffix, and an
 * atomic replace of the target files ({@link ModelFormats#write(LoadedModel, Path,
 * org.sparsemdp.io.ModelFormat, Set)}), so a failed or interrupted write never leaves a truncated
 * file, and nothing the target format cannot hold is dropped unless asked.
 */
final class ModelWriters {
    private ModelWriters() {
    }

    /**
     * Writes {@code mdp} (its rewards as one reward structure) to {@code file} in {@code format}
     * ({@code auto} or null: from the file name, ignoring a trailing compression suffix).
     *
     * @return the format used
     * @throws IllegalArgumentException for an unknown or read-only format, or a name that gives none
     * @throws IOException              if the format cannot express the model, or writing fails
     */
    static ModelFormat write(Mdp mdp, Path file, String format) throws IOException {
        return write(LoadedModel.withOwnRewards(mdp), file, format, Set.of());
    }

    /**
     * Writes {@code model} without the features {@code drop}; see {@link #write(Mdp, Path, String)}.
     *
     * @throws IllegalArgumentException also if the format would lose a feature not dropped
     */
    static ModelFormat write(LoadedModel model, Path file, String format, Set<ModelFeature> drop) throws IOException {
        ModelFormat target = resolve(file, format);
        try {
            ModelFormats.write(model, file, target.format(), drop);
        } catch (FormatLossException e) {
            throw new FormatLossException(e.getMessage().replace("; to write it anyway, drop ",
                    "; to write it anyway: --drop "), e.features());
        }
        return target;
    }

    /** The format that {@link #write} would use. */
    static ModelFormat resolve(Path file, String format) {
        ModelFormat f = format != null && !format.equalsIgnoreCase("auto") ? ModelFormat.byName(format)
                : ModelFormat.bySuffix(file.getFileName().toString());
        if (f == null) {
            throw new IllegalArgumentException(file + ": cannot tell the output format from the file name; use --to ("
                    + ModelFormat.names() + ")");
        }
        f.format().writer(); // a read-only format fails here
        return f;
    }
}
