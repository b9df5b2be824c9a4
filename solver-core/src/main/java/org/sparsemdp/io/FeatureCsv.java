package org.sparsemdp.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparsemdp.model.Mdp;

/**
 * Reads features φ(s, a) of every choice for linear softmax policies: CSV whose header is
 * {@code state,action,NAME1,...,NAMEd} ({@code state} and {@code action} first, then d ≥ 1
 * feature columns with distinct non-empty names; RFC 4180 quotes; fields trimmed; blank lines
 * ignored), then one row per choice of every non-terminal state: the state number, the action
 * label as in the model, and d finite numbers. Example:
 * <pre>
 * state,action,distance,users
 * 0,start,0,0
 * 1,1,1.5,10
 * </pre>
 * Every problem is a {@link ModelFormatException} starting {@code file:line:}: bad header, wrong
 * number of fields, bad or out-of-range state, unknown action, bad number, a choice given twice,
 * a choice missing (reported with its state and label).
 */
public final class FeatureCsv {
    private FeatureCsv() {
    }

    /**
     * Features read from a file.
     *
     * @param names    the d feature names
     * @param rowMajor φ<sub>j</sub>(c) at {@code c * d + j}, for every choice c of the model
     */
    public record Features(List<String> names, double[] rowMajor) {
        /** The number of features d. */
        public int count() {
            return names.size();
        }
    }

    /** Reads the features of every choice of {@code mdp} from {@code path} (gzip if {@code *.gz}). */
    public static Features read(Path path, Mdp mdp) throws IOException {
        try (InputStream in = Compression.open(path)) {
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), path.toString(), mdp);
        }
    }

    /** Reads features; {@code source} names the input in messages. The reader is not closed. */
    public static Features read(Reader reader, String source, Mdp mdp) throws IOException {
        BoundedLineReader in = new BoundedLineReader(reader, source);
        List<String> fields = new ArrayList<>();
        String line;
        long lineNo = 0;
        List<String> names = null;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            PolicyCsv.split(line, source, lineNo, fields);
            if (fields.size() < 3 || !fields.get(0).trim().toLowerCase(Locale.ROOT).equals("state")
                    || !fields.get(1).trim().toLowerCase(Locale.ROOT).equals("action")) {
                throw new ModelFormatException(source, lineNo, "header must be state,action followed by at least one"
                        + " feature name");
            }
            names = new ArrayList<>();
            for (int i = 2; i < fields.size(); i++) {
                String name = fields.get(i).trim();
                if (name.isEmpty() || names.contains(name)) {
                    throw new ModelFormatException(source, lineNo, "feature names must be distinct and non-empty: '"
                            + name + "'");
                }
                names.add(name);
            }
            break;
        }
        if (names == null) {
            throw ModelFormatException.inFile(source, "empty file: expected a header state,action,FEATURE...");
        }
        int d = names.size();
        long size = (long) mdp.numChoices() * d;
        if (size > Integer.MAX_VALUE - 8) {
            throw ModelFormatException.inFile(source, mdp.numChoices() + " choices x " + d
                    + " features do not fit in one array");
        }
        double[] phi = new double[(int) size];
        long[] seenOn = new long[mdp.numChoices()];
        int n = mdp.numStates();
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            PolicyCsv.split(line, source, lineNo, fields);
            if (fields.size() != d + 2) {
                throw new ModelFormatException(source, lineNo, "expected " + (d + 2) + " fields, found " + fields.size());
            }
            int s = CsvFields.state(fields.get(0).trim(), n, source, lineNo);
            String label = fields.get(1).trim();
            int c = mdp.findChoice(s, label);
            if (c < 0) {
                throw new ModelFormatException(source, lineNo, "state " + s + " has no action '" + label + "'");
            }
            if (seenOn[c] != 0) {
                throw new ModelFormatException(source, lineNo, "state " + s + ", action '" + label
                        + "' appears again (first on line " + seenOn[c] + ")");
            }
            seenOn[c] = lineNo;
            for (int j = 0; j < d; j++) {
                phi[c * d + j] = CsvFields.finite(fields.get(j + 2).trim(), "feature " + names.get(j), source, lineNo);
            }
        }
        for (int c = 0; c < seenOn.length; c++) {
            if (seenOn[c] == 0) {
                int s = mdp.stateOfChoice(c);
                throw ModelFormatException.inFile(source, "no features for state " + s + ", action '"
                        + mdp.actionLabel(c) + "' (every choice needs a row)");
            }
        }
        return new Features(List.copyOf(names), phi);
    }
}
