package org.sparsemdp.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.sparsemdp.solve.ProgressListener;

/** Prints progress to stderr at most once a second, starting after the first second of a run. */
final class StderrProgress implements ProgressListener {
    private static final long SECOND = 1_000_000_000L;
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private long nextReport = start + SECOND;

    StderrProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public boolean onIteration(long iteration, double residual, double errorBound) {
        long now = System.nanoTime();
        if (now >= nextReport) {
            nextReport = now + SECOND;
            err.printf(Locale.ROOT, "  %.1f s: iteration %d, residual %.3e, bound %.3e%n", (now - start) / 1e9,
                    iteration, residual, errorBound);
            err.flush();
        }
        return true;
    }
}
