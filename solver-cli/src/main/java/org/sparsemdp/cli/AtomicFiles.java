package org.sparsemdp.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes output files without ever destroying anything:
 * <ul>
 *   <li>A regular file (or a new one) is written atomically: the content goes to a hidden
 *       temporary file {@code .NAME.<random>.tmp} in the same directory, which replaces the target
 *       only once it is complete, so an interrupted run never leaves a truncated file in place of
 *       a good one. Temporary files still being written are deleted by a shutdown hook when the
 *       JVM is stopped (Ctrl-C, SIGTERM).</li>
 *   <li>A symbolic link is followed: the file it points to is written (created or replaced
 *       atomically) and the link stays.</li>
 *   <li>A character device, FIFO or socket ({@code /dev/null}, {@code /dev/stdout}, a named pipe)
 *       is written through, never replaced by a regular file.</li>
 * </ul>
 * Errors name the user's path, never the temporary file. That the output is not one of the
 * inputs, and that its directory exists and is writable, is checked before a command runs
 * ({@link CommandChecks}).
 */
final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Temporary files being written now; deleted by the shutdown hook if the JVM stops first. */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::deleteInFlight, "sparsemdp-temp-cleanup"));
    }

    private AtomicFiles() {
    }

    /** Something that writes the content of a file. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    static void write(Path target, Content content) throws IOException {
        Path real = followLinks(target);
        if (Files.exists(real) && !Files.isRegularFile(real)) {
            if (Files.isDirectory(real)) {
                throw new IOException(target + ": is a directory, not a file to write");
            }
            try (OutputStream out = new FileOutputStream(real.toFile())) { // a device or FIFO: write through
                content.writeTo(out);
            } catch (FileSystemException | java.io.FileNotFoundException e) {
                throw describe(target, e);
            }
            return;
        }
        Path dir = real.toAbsolutePath().getParent();
        // Not Files.createTempFile: that creates mode 0600; CREATE_NEW honours the umask like any new file.
        Path tmp = dir.resolve("." + real.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        boolean done = false;
        IN_FLIGHT.add(tmp);
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, real, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (FileSystemException e) {
            throw describe(target, e);
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
            IN_FLIGHT.remove(tmp);
        }
    }

    /**
     * The file that writing {@code target} should replace: {@code target} itself, or the file its
     * symbolic link (chain) points to, which need not exist yet.
     *
     * @throws IOException if the links form a loop or cannot be read
     */
    static Path followLinks(Path target) throws IOException {
        Path p = target;
        for (int i = 0; i < 40 && Files.isSymbolicLink(p); i++) {
            Path dir = p.toAbsolutePath().getParent();
            p = dir.resolve(Files.readSymbolicLink(p)).normalize();
        }
        if (Files.isSymbolicLink(p)) {
            throw new IOException(target + ": too many levels of symbolic links");
        }
        return p;
    }

    /** An exception about {@code target} (the user's path) for an error on it or on its temporary file. */
    private static IOException describe(Path target, IOException e) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            reason = "its directory does not exist";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            reason = f.getReason();
        } else {
            reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        return new IOException("cannot write " + target + ": " + reason, e);
    }

    /** Deletes the temporary files still being written (the shutdown hook's work). */
    static void deleteInFlight() {
        for (Path tmp : IN_FLIGHT) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // nothing more to do while the JVM stops
            }
        }
    }

    /** The temporary files being written now (for tests). */
    static Set<Path> inFlight() {
        return Set.copyOf(IN_FLIGHT);
    }
}
