package org.sparsemdp.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.ModelFormats;
import org.sparsemdp.io.ModelReadOptions;

/**
 * A model file format as the command line uses it: a format of the library's registry
 * ({@link ModelFormats}) with a reader taking the command line's {@link ReadOptions}.
 *
 * @param format the library's format
 */
record ModelFormat(org.sparsemdp.io.ModelFormat format) {
    /** Reads a model file with its labels and reward structures (where the format has them). */
    @FunctionalInterface
    interface Reader {
        LoadedModel read(Path file, ReadOptions options) throws IOException;
    }

    /** Every format, in the order shown to users. */
    static final List<ModelFormat> ALL = ModelFormats.all().stream().map(ModelFormat::new).toList();

    /** The format's name on the command line. */
    String name() {
        return format.name();
    }

    /** The reader. */
    Reader reader() {
        return (f, o) -> format.reader().read(f, new ModelReadOptions(o.pomdpAsMdp(), o.reward()));
    }

    /** Whether the format can be written. */
    boolean writable() {
        return format.writable();
    }

    /** The format called {@code name} (case-insensitive). */
    static ModelFormat byName(String name) {
        return new ModelFormat(ModelFormats.byName(name));
    }

    /** The format whose suffix ends {@code fileName} (compression suffix removed), or null. */
    static ModelFormat bySuffix(String fileName) {
        org.sparsemdp.io.ModelFormat f = ModelFormats.bySuffix(fileName);
        return f == null ? null : new ModelFormat(f);
    }

    /** The names, comma-separated. */
    static String names() {
        return ModelFormats.names();
    }
}
