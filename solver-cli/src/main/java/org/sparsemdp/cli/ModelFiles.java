package org.sparsemdp.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.sparsemdp.io.Compression;
import org.sparsemdp.io.mdp.MdpTextReader;
import org.sparsemdp.model.Mdp;

/** Loads model files for the commands, choosing the format from {@code --format} or the file name. */
final class ModelFiles {
    private ModelFiles() {
    }

    /** Formats known to {@code --format}. */
    static final String FORMATS = "auto, mdp";

    static Mdp load(Path file, String format) throws IOException {
        String f = format == null ? "auto" : format.toLowerCase(Locale.ROOT);
        if (f.equals("auto")) {
            f = detect(file);
        }
        switch (f) {
            case "mdp":
                return MdpTextReader.read(file);
            default:
                throw new IllegalArgumentException("unknown format '" + format + "'; known formats: " + FORMATS);
        }
    }

    private static String detect(Path file) {
        String name = Compression.stripCompressionSuffix(file.getFileName().toString()).toLowerCase(Locale.ROOT);
        if (name.endsWith(".mdp")) {
            return "mdp";
        }
        throw new IllegalArgumentException(file + ": cannot tell the format from the file name; use --format ("
                + FORMATS + ")");
    }
}
