package org.sparsemdp.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** One-line descriptions of the exceptions that reach the command line. */
final class CliErrors {
    private CliErrors() {
    }

    static String describe(Throwable ex) {
        if (ex instanceof NoSuchFileException) {
            return "no such file: " + ex.getMessage();
        }
        if (ex instanceof AccessDeniedException) {
            return "permission denied: " + ex.getMessage();
        }
        if (ex instanceof IOException || ex instanceof IllegalArgumentException) {
            return ex.getMessage();
        }
        if (ex instanceof OutOfMemoryError) {
            return "out of memory (" + ex.getMessage() + "); run java with a larger -Xmx";
        }
        return ex.getClass().getSimpleName() + ": " + ex.getMessage();
    }
}
