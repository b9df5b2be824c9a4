package org.sparsemdp.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Transparent compression for every format: input is decompressed when it starts with the gzip
 * magic bytes (whatever the file name), output is compressed when the file name ends in
 * {@code .gz}.
 */
public final class Compression {
    private static final int BUFFER = 1 << 16;

    private Compression() {
    }

    /** Opens {@code path} for reading, decompressing gzip content transparently. */
    public static InputStream open(Path path) throws IOException {
        return decompressing(Files.newInputStream(path));
    }

    /** Wraps {@code in}, decompressing gzip content transparently. */
    public static InputStream decompressing(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER);
        }
        return buffered;
    }

    /** Wraps {@code out}, compressing with gzip when {@code fileName} ends in {@code .gz}. */
    public static OutputStream compressing(OutputStream out, String fileName) throws IOException {
        return isGzipName(fileName) ? new GZIPOutputStream(out, BUFFER) : out;
    }

    /** Whether the name ends in {@code .gz}. */
    public static boolean isGzipName(String fileName) {
        return fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
    }

    /** The file name without a trailing {@code .gz}. */
    public static String stripCompressionSuffix(String fileName) {
        return isGzipName(fileName) ? fileName.substring(0, fileName.length() - 3) : fileName;
    }
}
