package org.sparsemdp.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.sparsemdp.model.Mdp;

/**
 * One model file format of {@link ModelFormats}: its name, the file name endings that select it,
 * what it can hold beyond the transitions, how to read it and (unless read-only) how to write it.
 */
public final class ModelFormat {
    /** Reads a (possibly compressed) file with everything it holds. */
    @FunctionalInterface
    public interface Reader {
        /** Reads {@code file}. */
        LoadedModel read(Path file, ModelReadOptions options) throws IOException;
    }

    /**
     * Reads a model once from a decompressed stream (standard input, a pipe): what the stream
     * itself holds, without files beside it (PRISM: the transitions only) and without a first
     * counting pass, so the arrays grow as they are read.
     */
    @FunctionalInterface
    public interface StreamReader {
        /**
         * Reads {@code in} (not closed); {@code source} names it in messages.
         *
         * @throws ModelFormatException naming {@code source} and the line (or byte offset) of a problem
         */
        LoadedModel read(InputStream in, String source, ModelReadOptions options) throws IOException;
    }

    /** Writes a model to {@code file} (and, for PRISM, the files beside it) through {@code files}. */
    @FunctionalInterface
    public interface Writer {
        /** Writes {@code model}; what the format cannot hold is left out (see {@link FormatLosses}). */
        void write(LoadedModel model, Path file, OutputFiles files) throws IOException;
    }

    private final String name;
    private final List<String> suffixes;
    private final Set<ModelFeature> holds;
    private final boolean severalRewardStructures;
    private final boolean emptyLabels;
    private final Predicate<Mdp> keepsActionLabels;
    private final Reader reader;
    private final StreamReader streamReader;
    private final Writer writer;

    ModelFormat(String name, List<String> suffixes, Set<ModelFeature> holds, boolean severalRewardStructures,
                boolean emptyLabels, Predicate<Mdp> keepsActionLabels,
                Reader reader, StreamReader streamReader, Writer writer) {
        this.name = name;
        this.suffixes = List.copyOf(suffixes);
        this.holds = Set.copyOf(holds);
        this.severalRewardStructures = severalRewardStructures;
        this.emptyLabels = emptyLabels;
        this.keepsActionLabels = keepsActionLabels;
        this.reader = reader;
        this.streamReader = streamReader;
        this.writer = writer;
    }

    /** The format's name ({@code mdp}, {@code prism}, {@code drn}, {@code umb}, {@code cassandra}). */
    public String name() {
        return name;
    }

    /** The file name endings, lower case, before a compression suffix. */
    public List<String> suffixes() {
        return suffixes;
    }

    /**
     * Whether the format holds {@code feature} at all; for {@link ModelFeature#REWARDS} see also
     * {@link #holdsSeveralRewardStructures()}, for {@link ModelFeature#INITIAL_STATES} whether it
     * holds more than one initial state.
     */
    public boolean holds(ModelFeature feature) {
        return holds.contains(feature);
    }

    /** Whether the format holds more than one reward structure. */
    public boolean holdsSeveralRewardStructures() {
        return severalRewardStructures;
    }

    /** Whether the format holds labels that no state carries (DRN names labels only on state lines). */
    public boolean holdsEmptyLabels() {
        return emptyLabels;
    }

    /** Whether writing {@code mdp} in this format keeps its action labels. */
    public boolean keepsActionLabels(Mdp mdp) {
        return keepsActionLabels.test(mdp);
    }

    /** The reader. */
    public Reader reader() {
        return reader;
    }

    /** The reader of a stream, read once ({@link ModelFormats#read(InputStream, String, String, String, ModelReadOptions)}). */
    public StreamReader streamReader() {
        return streamReader;
    }

    /** Whether the format can be written. */
    public boolean writable() {
        return writer != null;
    }

    /**
     * The writer.
     *
     * @throws IllegalArgumentException if the format is read-only
     */
    public Writer writer() {
        if (writer == null) {
            throw new IllegalArgumentException("format '" + name + "' can be read but not written");
        }
        return writer;
    }

    @Override
    public String toString() {
        return name;
    }
}
