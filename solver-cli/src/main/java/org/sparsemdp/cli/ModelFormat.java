package org.sparsemdp.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.cassandra.CassandraReader;
import org.sparsemdp.io.cassandra.CassandraWriter;
import org.sparsemdp.io.drn.DrnReader;
import org.sparsemdp.io.drn.DrnWriter;
import org.sparsemdp.io.mdp.MdpTextReader;
import org.sparsemdp.io.mdp.MdpTextWriter;
import org.sparsemdp.io.prism.PrismExplicitReader;
import org.sparsemdp.io.umb.UmbOptions;
import org.sparsemdp.io.umb.UmbReader;
import org.sparsemdp.io.umb.UmbWriter;

/**
 * The model file formats the command line knows: name for {@code --format/--from/--to}, file
 * name suffixes (before a {@code .gz}/{@code .xz} compression suffix), reader, and writer (null
 * if the format is read-only). Adding a format is one entry in {@link #ALL}.
 *
 * @param name     the format's name on the command line
 * @param suffixes file name endings, lower case, that select this format
 * @param reader   reads a (possibly compressed) file
 * @param writer   writes the uncompressed content, or null
 */
record ModelFormat(String name, List<String> suffixes, Reader reader, Writer writer) {
    /** Reads a model file with its labels and reward structures (where the format has them). */
    @FunctionalInterface
    interface Reader {
        LoadedModel read(Path file, ReadOptions options) throws IOException;
    }

    /** Writes a model (throws IOException with the reason when the format cannot express it). */
    @FunctionalInterface
    interface Writer {
        void write(LoadedModel model, OutputStream out) throws IOException;
    }

    /** Every format, in the order shown to users. */
    static final List<ModelFormat> ALL = List.of(
            new ModelFormat("mdp", List.of(".mdp"), (f, o) -> LoadedModel.of(MdpTextReader.read(f)),
                    (m, out) -> MdpTextWriter.write(m.mdp(), out)),
            new ModelFormat("prism", List.of(".tra"), (f, o) -> PrismExplicitReader.read(f), null),
            new ModelFormat("drn", List.of(".drn"), (f, o) -> DrnReader.read(f), DrnWriter::write),
            new ModelFormat("umb", List.of(".umb"), (f, o) -> LoadedModel.of(UmbReader.read(f, UmbOptions.defaults()
                    .underlyingMdpOfPomdp(o.pomdpAsMdp()).reward(o.reward()))), (m, out) -> UmbWriter.write(m.mdp(), out)),
            new ModelFormat("cassandra", List.of(".pomdp", ".cassandra"),
                    (f, o) -> LoadedModel.of(CassandraReader.read(f, o.pomdpAsMdp())),
                    (m, out) -> CassandraWriter.write(m.mdp(), out)));

    /** The format called {@code name} (case-insensitive). */
    static ModelFormat byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (ModelFormat f : ALL) {
            if (f.name.equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "'; known formats: " + names());
    }

    /** The format whose suffix ends {@code fileName} (compression suffix removed), or null. */
    static ModelFormat bySuffix(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        for (ModelFormat f : ALL) {
            for (String s : f.suffixes) {
                if (n.endsWith(s)) {
                    return f;
                }
            }
        }
        return null;
    }

    /** The names, comma-separated. */
    static String names() {
        StringBuilder sb = new StringBuilder();
        for (ModelFormat f : ALL) {
            sb.append(sb.length() == 0 ? "" : ", ").append(f.name);
        }
        return sb.toString();
    }
}
