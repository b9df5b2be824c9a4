package org.sparsemdp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressionTest {
    private static void write(Path file, String compressAs, String text) throws IOException {
        try (OutputStream out = Compression.compressing(Files.newOutputStream(file), compressAs)) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void contentSizeBoundIsTheSizeOfPlainFilesAndBoundsCompressedOnesWhateverTheirName(@TempDir Path dir)
            throws IOException {
        Path plainNamedGz = dir.resolve("plain.mdp.gz");
        write(plainNamedGz, "plain.mdp", "mdp 1\n");
        assertEquals(6, Compression.contentSizeBound(plainNamedGz));
        Path empty = dir.resolve("empty.mdp");
        write(empty, "empty.mdp", "");
        assertEquals(0, Compression.contentSizeBound(empty));
        Path gzNamedPlain = dir.resolve("gzip.mdp");
        write(gzNamedPlain, "x.gz", "mdp 1\n");
        assertEquals(Files.size(gzNamedPlain) * Compression.MAX_COMPRESSION_RATIO,
                Compression.contentSizeBound(gzNamedPlain));
        Path xz = dir.resolve("model.xz");
        write(xz, "model.xz", "mdp 1\n");
        assertEquals(Files.size(xz) * Compression.MAX_COMPRESSION_RATIO, Compression.contentSizeBound(xz));
        // DEFLATE's worst case holds: a megabyte of zeros compresses to less than 1/1032 of it, but not
        // below its bound.
        Path zeros = dir.resolve("zeros.gz");
        write(zeros, "zeros.gz", "0".repeat(1 << 20));
        assertTrue(Compression.contentSizeBound(zeros) >= 1 << 20, "bound below the content");
        assertEquals(-1, Compression.contentSizeBound(dir), "a directory is not a regular file");
    }
}
