package org.sparsemdp.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link OutputFiles} that write every file to a temporary file in the target's directory and
 * move them all into place only on {@link #commit()}, so that a failed or interrupted write never
 * leaves a truncated file, nor a new {@code .tra} beside old reward files. {@link #close()}
 * deletes the temporary files of an uncommitted write.
 */
public final class AtomicOutputFiles implements OutputFiles, AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Path[]> pending = new ArrayList<>(); // {temporary, target}
    private boolean committed;

    @Override
    public OutputStream open(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        // Not Files.createTempFile: that creates mode 0600; CREATE_NEW honours the umask like any new file.
        Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        OutputStream raw = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        pending.add(new Path[] {tmp, file});
        return Compression.compressing(raw, file.getFileName().toString());
    }

    /**
     * Moves every written file into place (atomically where the file system can).
     *
     * @throws IOException if a move fails
     */
    public void commit() throws IOException {
        for (Path[] p : pending) {
            try {
                Files.move(p[0], p[1], StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(p[0], p[1], StandardCopyOption.REPLACE_EXISTING);
            }
        }
        committed = true;
    }

    /** Deletes the temporary files unless {@link #commit()} moved them. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            for (Path[] p : pending) {
                Files.deleteIfExists(p[0]);
            }
        }
    }
}
