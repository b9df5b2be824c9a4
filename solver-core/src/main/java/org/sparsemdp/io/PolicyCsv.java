package org.sparsemdp.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sparsemdp.model.DeterministicPolicy;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Policy;
import org.sparsemdp.model.StochasticPolicy;

/**
 * Reads and writes policies as CSV (RFC 4180 quoting within a line), against a given model.
 *
 * <ul>
 *   <li>Deterministic: header {@code state,action}, one row per state. The output of
 *       {@code sparsemdp solve --output} and {@link SolutionCsv} (header {@code state,value,action}
 *       or {@code state,value,lower,upper,action}, also the distributed solver's part files) is
 *       accepted too: {@code value}, {@code lower}, {@code upper} and {@code gain} columns are ignored.</li>
 *   <li>Stochastic: header {@code state,action,probability}, one row per state and action with
 *       positive probability (omitted actions have probability 0).</li>
 * </ul>
 * Columns may come in any order; names are case-insensitive; fields are trimmed. {@code action} is the action label
 * as in the model (for unlabelled choices their position within the state: {@code 0}, {@code 1},
 * ...). Terminal states may be omitted or given an empty action; every other state must be
 * present. Probabilities of a state must sum to 1 within {@value #SUM_TOLERANCE} (they are then
 * divided by their sum). Blank lines are ignored.
 *
 * <p>Every problem is a {@link ModelFormatException} starting {@code file:line:}: unknown column,
 * bad number, state out of range, unknown action label, repeated state or state–action pair,
 * probability outside [0, 1], probabilities not summing to 1, a missing state.
 */
public final class PolicyCsv {
    /** Tolerance on |Σ probabilities − 1| per state in a file. */
    public static final double SUM_TOLERANCE = 1e-6;

    private PolicyCsv() {
    }

    /** Reads a policy for {@code mdp} from {@code path} (gzip-compressed if named {@code *.gz}). */
    public static Policy read(Path path, Mdp mdp) throws IOException {
        try (InputStream in = Compression.open(path)) {
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), path.toString(), mdp);
        }
    }

    /**
     * Reads a policy for {@code mdp}; {@code source} names the input in error messages. The
     * reader is not closed.
     */
    public static Policy read(Reader reader, String source, Mdp mdp) throws IOException {
        BoundedLineReader in = new BoundedLineReader(reader, source);
        final int n = mdp.numStates();
        String line;
        long lineNo = 0;
        List<String> fields = new ArrayList<>();
        int stateCol = -1;
        int actionCol = -1;
        int probCol = -1;
        int columns = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (!line.isBlank()) {
                split(line, source, lineNo, fields);
                columns = fields.size();
                for (int i = 0; i < columns; i++) {
                    String name = fields.get(i).trim().toLowerCase(Locale.ROOT);
                    switch (name) {
                        case "state":
                            stateCol = checkUnique(stateCol, i, name, source, lineNo);
                            break;
                        case "action":
                            actionCol = checkUnique(actionCol, i, name, source, lineNo);
                            break;
                        case "probability":
                            probCol = checkUnique(probCol, i, name, source, lineNo);
                            break;
                        case "value":
                        case "lower":
                        case "upper":
                        case "gain":
                            break;
                        default:
                            throw new ModelFormatException(source, lineNo, "unknown column '" + fields.get(i).trim()
                                    + "'; a policy file has columns state,action (deterministic) or"
                                    + " state,action,probability (stochastic)");
                    }
                }
                break;
            }
        }
        if (stateCol < 0 || actionCol < 0) {
            if (lineNo == 0) {
                throw ModelFormatException.inFile(source, "empty file: expected a header state,action[,probability]");
            }
            throw new ModelFormatException(source, lineNo, "header must name the columns state and action");
        }
        boolean stochastic = probCol >= 0;
        int[] choice = new int[n];
        Arrays.fill(choice, -1);
        long[] firstLine = new long[n];
        double[] prob = stochastic ? new double[mdp.numChoices()] : null;
        double[] sum = stochastic ? new double[n] : null;
        boolean[] given = stochastic ? new boolean[mdp.numChoices()] : null;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            split(line, source, lineNo, fields);
            if (fields.size() != columns) {
                throw new ModelFormatException(source, lineNo, "expected " + columns + " fields, found " + fields.size());
            }
            int s = CsvFields.state(fields.get(stateCol).trim(), n, source, lineNo);
            String label = fields.get(actionCol).trim();
            if (mdp.isTerminal(s)) {
                if (!label.isEmpty()) {
                    throw new ModelFormatException(source, lineNo, "state " + s + " is terminal and has no actions,"
                            + " but the file gives action '" + label + "'");
                }
                continue;
            }
            if (label.isEmpty()) {
                throw new ModelFormatException(source, lineNo, "state " + s + " has no action (empty field)");
            }
            int c = mdp.findChoice(s, label);
            if (c < 0) {
                throw new ModelFormatException(source, lineNo, "state " + s + " has no action '" + label
                        + "' (its actions: " + actionsOf(mdp, s) + ")");
            }
            if (!stochastic) {
                if (firstLine[s] != 0) {
                    throw new ModelFormatException(source, lineNo, "state " + s + " appears again (first on line "
                            + firstLine[s] + ")");
                }
                firstLine[s] = lineNo;
                choice[s] = c;
                continue;
            }
            double p = parseProbability(fields.get(probCol).trim(), source, lineNo);
            if (given[c]) {
                throw new ModelFormatException(source, lineNo, "state " + s + ", action '" + label + "' appears twice");
            }
            if (firstLine[s] == 0) {
                firstLine[s] = lineNo;
            }
            given[c] = true;
            prob[c] = p;
            sum[s] += p;
        }
        for (int s = 0; s < n; s++) {
            if (!mdp.isTerminal(s) && firstLine[s] == 0) {
                throw ModelFormatException.inFile(source, "state " + s + " has no row (every non-terminal state needs an"
                        + " action)");
            }
            if (stochastic && !mdp.isTerminal(s)) {
                if (Math.abs(sum[s] - 1) > SUM_TOLERANCE) {
                    throw new ModelFormatException(source, firstLine[s], "probabilities of state " + s + " sum to "
                            + sum[s] + ", not 1");
                }
                for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                    prob[c] /= sum[s];
                }
            }
        }
        return stochastic ? StochasticPolicy.of(mdp, prob) : DeterministicPolicy.of(mdp, choice);
    }

    /** Writes {@code policy} to {@code path} (gzip-compressed if named {@code *.gz}). */
    public static void write(Path path, Mdp mdp, Policy policy) throws IOException {
        try (OutputStream out = Compression.compressing(Files.newOutputStream(path), path.getFileName().toString())) {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            write(w, mdp, policy);
            w.flush();
        }
    }

    /**
     * Writes {@code policy}: deterministic policies as {@code state,action} rows for non-terminal
     * states, stochastic ones as {@code state,action,probability} rows for positive
     * probabilities (shortest exact decimal form). The writer is flushed, not closed.
     */
    public static void write(Writer w, Mdp mdp, Policy policy) throws IOException {
        policy.checkFits(mdp);
        StringBuilder sb = new StringBuilder(64);
        if (policy instanceof DeterministicPolicy d) {
            w.write("state,action\n");
            for (int s = 0; s < mdp.numStates(); s++) {
                if (d.choice(s) >= 0) {
                    sb.setLength(0);
                    sb.append(s).append(',').append(CsvFields.quote(mdp.actionLabel(d.choice(s)))).append('\n');
                    w.append(sb);
                }
            }
        } else {
            w.write("state,action,probability\n");
            for (int s = 0; s < mdp.numStates(); s++) {
                for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                    double p = policy.probability(c);
                    if (p > 0) {
                        sb.setLength(0);
                        sb.append(s).append(',').append(CsvFields.quote(mdp.actionLabel(c))).append(',').append(p).append('\n');
                        w.append(sb);
                    }
                }
            }
        }
        w.flush();
    }

    private static int checkUnique(int previous, int index, String name, String source, long line)
            throws ModelFormatException {
        if (previous >= 0) {
            throw new ModelFormatException(source, line, "column '" + name + "' appears twice");
        }
        return index;
    }

    private static double parseProbability(String text, String source, long line) throws ModelFormatException {
        double p;
        try {
            p = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ModelFormatException(source, line, "probability '" + text + "' is not a number");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new ModelFormatException(source, line, "probability " + text + " is not in [0, 1]");
        }
        return p;
    }

    private static String actionsOf(Mdp mdp, int s) {
        StringBuilder sb = new StringBuilder();
        for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
            if (sb.length() > 200) {
                sb.append(", ...");
                break;
            }
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(mdp.actionLabel(c));
        }
        return sb.toString();
    }

    /** Splits one CSV line into fields (RFC 4180 quotes; unquoted fields are kept verbatim). */
    public static void split(String line, String source, long lineNo, List<String> out) throws ModelFormatException {
        out.clear();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int len = line.length();
        if (len > 0 && line.charAt(len - 1) == '\r') {
            len--;
        }
        while (true) {
            field.setLength(0);
            if (i < len && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= len) {
                        throw new ModelFormatException(source, lineNo, "unterminated quoted field");
                    }
                    char ch = line.charAt(i++);
                    if (ch == '"') {
                        if (i < len && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(ch);
                    }
                }
                if (i < len && line.charAt(i) != ',') {
                    throw new ModelFormatException(source, lineNo, "text after a closing quote");
                }
            } else {
                while (i < len && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            }
            out.add(field.toString());
            if (i >= len) {
                return;
            }
            i++; // the comma
        }
    }

    /** A CSV field as this class writes it: quoted (RFC 4180) if it holds a comma, a quote or a line break. */
    public static String quote(String field) {
        return CsvFields.quote(field);
    }
}
