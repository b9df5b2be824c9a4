package org.sparsemdp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.ModelFeature;
import org.sparsemdp.model.Mdp;
import picocli.CommandLine.Option;

/** The output options shared by every {@code generate} subcommand, and the writing itself. */
final class GeneratedOutput {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "Model file to write (.mdp, .umb, ...; add .gz or .xz to compress). Written atomically.")
    Path file;

    @Option(names = "--to", paramLabel = "F", defaultValue = "auto", completionCandidates = FormatNames.class,
            description = "Output format: auto, ${COMPLETION-CANDIDATES} (default: from the file name).")
    String format;

    @Option(names = "--drop", paramLabel = "WHAT[,WHAT]",
            description = "Write anyway without what the output format cannot hold (discount, objective, ...).")
    String drop;

    /** The names of the writable formats, for the help text. */
    static final class FormatNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ModelFormat.ALL.stream().filter(ModelFormat::writable).map(ModelFormat::name).iterator();
        }
    }

    /** Writes {@code mdp} and prints a one-line summary. */
    void write(Mdp mdp, PrintWriter out) throws IOException {
        write(LoadedModel.withOwnRewards(mdp), out);
    }

    /** Writes {@code model} (with its labels and reward structures where the format has them) and prints a one-line summary. */
    void write(LoadedModel model, PrintWriter out) throws IOException {
        Mdp mdp = model.mdp();
        ModelWriters.write(model, file, format, ModelFeature.parseList(drop));
        out.printf(Locale.ROOT, "wrote %s: %d states, %d choices, %d transitions%n", file, mdp.numStates(),
                mdp.numChoices(), mdp.numTransitions());
    }
}
