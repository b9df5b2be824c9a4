package org.sparsemdp.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.sparsemdp.io.cassandra.CassandraReader;
import org.sparsemdp.io.cassandra.CassandraWriter;
import org.sparsemdp.io.mdp.MdpTextReader;
import org.sparsemdp.io.mdp.MdpTextWriter;
import org.sparsemdp.io.umb.UmbOptions;
import org.sparsemdp.io.umb.UmbReader;
import org.sparsemdp.io.umb.UmbWriter;
import org.sparsemdp.model.Mdp;

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
    /** Reads a model file. */
    @FunctionalInterface
    interface Reader {
        Mdp read(Path file, ReadOptions options) throws IOException;
    }

    /** Writes a model (throws IOException with the reason when the format cannot express it). */
    @FunctionalInterface
    interface Writer {
        void write(Mdp mdp, OutputStream out) throws IOException;
    }

    /** Every format, in the order shown to users. */
    static final List<ModelFormat> ALL = List.of(
            new ModelFormat("mdp", List.of(".mdp"), (f, o) -> MdpTextReader.read(f), MdpTextWriter::write),
            new ModelFormat("umb", List.of(".umb"), (f, o) -> UmbReader.read(f, UmbOptions.defaults()
                    .underlyingMdpOfPomdp(o.pomdpAsMdp()).reward(o.reward())), UmbWriter::write),
            new ModelFormat("cassandra", List.of(".pomdp", ".cassandra"),
                    (f, o) -> CassandraReader.read(f, o.pomdpAsMdp()), CassandraWriter::write));

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
