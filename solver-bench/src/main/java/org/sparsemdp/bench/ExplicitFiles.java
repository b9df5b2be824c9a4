package org.sparsemdp.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.drn.DrnWriter;
import org.sparsemdp.model.Mdp;

/** In-memory PRISM {@code .tra} and DRN images of a model, for the reader benchmarks. */
final class ExplicitFiles {
    private ExplicitFiles() {
    }

    /** The model as a PRISM explicit {@code .tra} file (count line, rows {@code s c t p action}). */
    static byte[] tra(Mdp mdp) {
        StringBuilder sb = new StringBuilder(64 * (int) Math.min(mdp.numTransitions(), 20_000_000));
        sb.append("# Transitions (MDP)\n").append(mdp.numStates()).append(' ').append(mdp.numChoices()).append(' ')
                .append(mdp.numTransitions()).append('\n');
        for (int s = 0; s < mdp.numStates(); s++) {
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                    sb.append(s).append(' ').append(c - mdp.choiceStart(s)).append(' ').append(mdp.successor(k))
                            .append(' ').append(mdp.probability(k)).append(' ').append(mdp.actionLabel(c)).append('\n');
                }
            }
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The model as a DRN file. */
    static byte[] drn(LoadedModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DrnWriter.write(model, out);
        return out.toByteArray();
    }
}
