package org.sparsemdp.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the files a model writer writes: one for most formats, several for PRISM's explicit
 * format ({@code .tra}, {@code .lab}, {@code .srew}, {@code .trew}). The writer closes every stream
 * it opens; a stream for a name ending in {@code .gz} or {@code .xz} compresses.
 */
@FunctionalInterface
public interface OutputFiles {
    /**
     * A new stream writing {@code file} (compressing by its name).
     *
     * @param file the file to write
     * @return the stream, which the caller closes
     * @throws IOException if the file cannot be created
     */
    OutputStream open(Path file) throws IOException;

    /**
     * Writes straight to the named files, replacing them.
     *
     * @return output files that open the named files themselves
     */
    static OutputFiles direct() {
        return file -> Compression.compressing(Files.newOutputStream(file), file.getFileName().toString());
    }
}
