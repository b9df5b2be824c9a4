package org.sparsemdp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void plainSizeIsKnownOnlyForUncompressedRegularFilesWhateverTheirName(@TempDir Path dir) throws IOException {
        Path plainNamedGz = dir.resolve("plain.mdp.gz");
        write(plainNamedGz, "plain.mdp", "mdp 1\n");
        assertEquals(6, Compression.plainSize(plainNamedGz));
        Path empty = dir.resolve("empty.mdp");
        write(empty, "empty.mdp", "");
        assertEquals(0, Compression.plainSize(empty));
        Path gzNamedPlain = dir.resolve("gzip.mdp");
        write(gzNamedPlain, "x.gz", "mdp 1\n");
        assertEquals(-1, Compression.plainSize(gzNamedPlain));
        Path xz = dir.resolve("model.xz");
        write(xz, "model.xz", "mdp 1\n");
        assertEquals(-1, Compression.plainSize(xz));
        assertEquals(-1, Compression.plainSize(dir), "a directory is not a regular file");
    }
}
