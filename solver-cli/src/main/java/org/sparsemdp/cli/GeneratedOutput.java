package org.sparsemdp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.sparsemdp.model.Mdp;
import picocli.CommandLine.Option;

/** The output options shared by every {@code generate} subcommand, and the writing itself. */
final class GeneratedOutput {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "Model file to write (.mdp; add .gz to compress). Written atomically.")
    Path file;

    @Option(names = "--to", paramLabel = "F", defaultValue = "auto",
            description = "Output format: " + ModelWriters.FORMATS + " (default: from the file name).")
    String format;

    /** Writes {@code mdp} and prints a one-line summary. */
    void write(Mdp mdp, PrintWriter out) throws IOException {
        ModelWriters.write(mdp, file, format);
        out.printf(Locale.ROOT, "wrote %s: %d states, %d choices, %d transitions%n", file, mdp.numStates(),
                mdp.numChoices(), mdp.numTransitions());
    }
}
