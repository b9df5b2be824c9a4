package org.sparsemdp.io.mdp;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.sparsemdp.model.Mdp;

/**
 * Writes the native text format {@code .mdp} version 1 (see {@link MdpTextReader}) in canonical
 * order: header, then choices by state and, within a state, in stored order. Numbers are written
 * with {@link Double#toString(double)}, the shortest decimal that reads back to the same double,
 * so that write→read gives identical arrays. Unlabelled choices are written with their position
 * within the state as label. Only the primary initial state is written. The size hints
 * {@code choices} and {@code transitions} are always written after {@code states}, so that the
 * reader can reserve the model's arrays exactly.
 */
public final class MdpTextWriter {
    private MdpTextWriter() {
    }

    /** Writes {@code mdp} to {@code out} (UTF-8, buffered; {@code out} is flushed, not closed). */
    public static void write(Mdp mdp, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        write(mdp, w);
        w.flush();
    }

    /** Writes {@code mdp} to {@code w} (not flushed). */
    public static void write(Mdp mdp, Writer w) throws IOException {
        w.write("mdp 1\n");
        w.write("states " + mdp.numStates() + "\n");
        w.write("choices " + mdp.numChoices() + "\n");
        w.write("transitions " + mdp.numTransitions() + "\n");
        w.write("objective " + mdp.objective().keyword() + "\n");
        if (mdp.discount() != 1.0) {
            w.write("discount " + mdp.discount() + "\n");
        }
        if (mdp.initialState() != 0) {
            w.write("initial " + mdp.initialState() + "\n");
        }
        StringBuilder line = new StringBuilder(256);
        for (int s = 0; s < mdp.numStates(); s++) {
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                String label = mdp.actionLabel(c);
                checkLabel(label, s, c);
                line.setLength(0);
                line.append(s).append(' ').append(label).append(' ').append(mdp.reward(c));
                for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                    line.append(' ').append(mdp.successor(k)).append(':').append(mdp.probability(k));
                }
                line.append('\n');
                w.append(line);
            }
        }
    }

    private static void checkLabel(String label, int s, int c) throws IOException {
        boolean ok = !label.isEmpty();
        for (int i = 0; ok && i < label.length(); i++) {
            char ch = label.charAt(i);
            ok = ch != ':' && ch != '#' && !Character.isWhitespace(ch);
        }
        if (!ok) {
            throw new IOException("state " + s + ", choice " + c + ": action label '" + label
                    + "' cannot be written in the .mdp format (labels must be non-empty tokens without"
                    + " whitespace, ':' or '#')");
        }
    }
}
