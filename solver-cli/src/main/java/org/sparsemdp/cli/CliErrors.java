package org.sparsemdp.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.io.SafeText;
import org.sparsemdp.model.HeapCheck;
import org.sparsemdp.model.InvalidModelException;
import org.sparsemdp.solve.ThreadsRefusedException;

/**
 * One-line descriptions and exit codes of the exceptions that reach the command line: the one
 * place that turns an {@link OutOfMemoryError}, or a refusal of {@link HeapCheck} (a model larger
 * than the free heap, found before allocating it), into a message naming the heap needed (when
 * known) and the {@code -Xmx} to try, with exit code {@link SparseMdpCli#EXIT_OUT_OF_MEMORY}.
 * Messages are made safe for a terminal ({@link SafeText}): labels and tokens from a file are
 * shown with control characters escaped.
 */
final class CliErrors {
    private CliErrors() {
    }

    /** The message for {@code ex}, one line, safe to print. */
    static String describe(Throwable ex) {
        return SafeText.escape(raw(ex));
    }

    /**
     * The exit code for {@code ex}: {@link SparseMdpCli#EXIT_OUT_OF_MEMORY} for an
     * OutOfMemoryError or a heap refusal anywhere in its cause chain;
     * {@link SparseMdpCli#EXIT_USAGE} for an IllegalArgumentException about the command line
     * (its message starts with an option name, {@code --}, or is about an {@code unknown} keyword)
     * and for a {@link ThreadsRefusedException} anywhere in its cause chain (more than one thread
     * for a sequential method);
     * otherwise {@link SparseMdpCli#EXIT_BAD_INPUT}.
     */
    static int exitCode(Throwable ex) {
        if (outOfMemory(ex) != null || heapNeededMiB(ex) >= 0) {
            return SparseMdpCli.EXIT_OUT_OF_MEMORY;
        }
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ThreadsRefusedException) { // also wrapped, e.g. naming the property
                return SparseMdpCli.EXIT_USAGE;
            }
        }
        if (ex instanceof IllegalArgumentException && !(ex instanceof InvalidModelException) && ex.getMessage() != null
                && (ex.getMessage().startsWith("--") || ex.getMessage().startsWith("unknown "))) {
            return SparseMdpCli.EXIT_USAGE;
        }
        return SparseMdpCli.EXIT_BAD_INPUT;
    }

    private static String raw(Throwable ex) {
        OutOfMemoryError oom = outOfMemory(ex);
        if (oom != null) {
            long maxMiB = Runtime.getRuntime().maxMemory() >> 20;
            return "out of memory (" + oom.getMessage() + "): the model and its solver need more than the " + maxMiB
                    + " MiB of heap this JVM may use; run java with a larger heap, e.g. java -Xmx"
                    + suggestedHeapMiB(2 * maxMiB) + "m -jar sparsemdp.jar ...";
        }
        long needed = heapNeededMiB(ex);
        if (needed >= 0) {
            long maxMiB = Runtime.getRuntime().maxMemory() >> 20;
            return ex.getMessage() + " (heap limit " + maxMiB + " MiB); run java with a larger heap, e.g. java -Xmx"
                    + suggestedHeapMiB(maxMiB + needed) + "m -jar sparsemdp.jar ...";
        }
        if (ex instanceof NoSuchFileException) {
            return "no such file: " + ex.getMessage();
        }
        if (ex instanceof AccessDeniedException) {
            return "permission denied: " + ex.getMessage();
        }
        if (ex instanceof IOException || ex instanceof IllegalArgumentException) {
            return ex.getMessage();
        }
        return ex.getClass().getSimpleName() + ": " + ex.getMessage();
    }

    /** The OutOfMemoryError in the cause chain of {@code ex}, or null. */
    private static OutOfMemoryError outOfMemory(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError oom) {
                return oom;
            }
        }
        return null;
    }

    /** The heap a {@link HeapCheck} refusal carried by {@code ex} (a reader error or the refusal itself) needs, or −1. */
    private static long heapNeededMiB(Throwable ex) {
        if (!(ex instanceof InvalidModelException || ex instanceof ModelFormatException)) {
            return -1;
        }
        return HeapCheck.neededMiB(ex.getMessage());
    }

    /** {@code mib} rounded up to a multiple of 256 MiB (a heap size to suggest). */
    private static long suggestedHeapMiB(long mib) {
        return Math.max(256, (mib + 255) / 256 * 256);
    }
}
