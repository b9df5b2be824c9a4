package org.sparsemdp.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Solution;

/**
 * Writes values and a deterministic policy as CSV, one row per state, in the columns of
 * {@code sparsemdp solve --output}:
 * <pre>
 *   state,value,action                 (without bounds)
 *   state,value,lower,upper,action     (with the solution's per-state bounds)
 * </pre>
 * {@code action} is the chosen action's label (RFC 4180 quoting where it contains a comma, quote or
 * line break), empty for a terminal state; numbers are in the shortest form that reads back
 * exactly ({@link Double#toString}). The value column may be renamed (e.g. {@code gain}). The
 * files read back as policies with {@link PolicyCsv#read} (which ignores the value and bound
 * columns), e.g. by {@code sparsemdp evaluate --policy}.
 *
 * <p>{@link #write(Path, Mdp, Solution, boolean)} writes atomically ({@link AtomicOutputFiles}: a
 * temporary file moved into place, so a failed write leaves no truncated file), gzip- or
 * xz-compressed if the name ends {@code .gz} or {@code .xz}.
 */
public final class SolutionCsv {
    private SolutionCsv() {
    }

    /** Writes {@code solution} to {@code path} atomically; with {@code bounds}, its per-state bounds too. */
    public static void write(Path path, Mdp mdp, Solution solution, boolean bounds) throws IOException {
        try (AtomicOutputFiles files = new AtomicOutputFiles()) {
            try (OutputStream out = files.open(path)) {
                write(out, mdp, solution, bounds);
            }
            files.commit();
        }
    }

    /**
     * Writes {@code solution} as UTF-8 to {@code out} (flushed, not closed); with {@code bounds},
     * the columns {@code lower,upper} from {@link Solution#lower()}/{@link Solution#upper()}, or
     * the values ± {@link Solution#errorBound()} for a solution without per-state bounds.
     */
    public static void write(OutputStream out, Mdp mdp, Solution solution, boolean bounds) throws IOException {
        double[] lower = null;
        double[] upper = null;
        if (bounds) {
            lower = solution.lower();
            upper = solution.upper();
            if (lower == null) {
                lower = shifted(solution.values(), -solution.errorBound());
                upper = shifted(solution.values(), solution.errorBound());
            }
        }
        write(out, mdp, "value", solution.values(), lower, upper, solution.policy());
    }

    /**
     * Writes one row per state of {@code mdp} as UTF-8 to {@code out} (flushed, not closed):
     * {@code state,VALUE[,lower,upper],action}.
     *
     * @param valueColumn the name of the value column ({@code value}, {@code gain}, ...)
     * @param lower       per-state lower bounds, or null for no bound columns (then {@code upper} too)
     * @param choices     per state the chosen global choice index, −1 for none
     */
    public static void write(OutputStream out, Mdp mdp, String valueColumn, double[] values, double[] lower,
            double[] upper, int[] choices) throws IOException {
        final int n = mdp.numStates();
        if (values.length != n || choices.length != n || (lower == null) != (upper == null)
                || (lower != null && (lower.length != n || upper.length != n))) {
            throw new IllegalArgumentException("values, bounds and choices must have one entry per state (" + n + ")");
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write("state," + valueColumn + (lower != null ? ",lower,upper" : "") + ",action\n");
        StringBuilder line = new StringBuilder(64);
        for (int s = 0; s < n; s++) {
            line.setLength(0);
            line.append(s).append(',').append(values[s]).append(',');
            if (lower != null) {
                line.append(lower[s]).append(',').append(upper[s]).append(',');
            }
            if (choices[s] >= 0) {
                line.append(CsvFields.quote(mdp.actionLabel(choices[s])));
            }
            line.append('\n');
            w.append(line);
        }
        w.flush();
    }

    private static double[] shifted(double[] v, double by) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] + by;
        }
        return out;
    }
}
