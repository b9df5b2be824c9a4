package org.sparsemdp.bench;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.drn.DrnWriter;
import org.sparsemdp.model.Mdp;

/**
 * PRISM {@code .tra} and DRN images of a model, for the reader benchmarks (there is no PRISM
 * explicit writer in the library: the {@code .tra} rows are written here, transitions only).
 */
public final class ExplicitFiles {
    private ExplicitFiles() {
    }

    /** The model as a PRISM explicit {@code .tra} file (count line, rows {@code s c t p action}). */
    static byte[] tra(Mdp mdp) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeTra(mdp, out);
        return out.toByteArray();
    }

    /** Writes the model's {@code .tra} file to {@code out} (which stays open). */
    public static void writeTra(Mdp mdp, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16);
        w.append("# Transitions (MDP)\n").append(Integer.toString(mdp.numStates())).append(' ')
                .append(Integer.toString(mdp.numChoices())).append(' ').append(Long.toString(mdp.numTransitions()))
                .append('\n');
        for (int s = 0; s < mdp.numStates(); s++) {
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                    w.append(Integer.toString(s)).append(' ').append(Integer.toString(c - mdp.choiceStart(s)))
                            .append(' ').append(Integer.toString(mdp.successor(k))).append(' ')
                            .append(Double.toString(mdp.probability(k))).append(' ').append(mdp.actionLabel(c))
                            .append('\n');
                }
            }
        }
        w.flush();
    }

    /** The model as a DRN file. */
    static byte[] drn(LoadedModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DrnWriter.write(model, out);
        return out.toByteArray();
    }
}
