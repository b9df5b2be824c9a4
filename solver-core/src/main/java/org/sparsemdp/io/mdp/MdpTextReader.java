package org.sparsemdp.io.mdp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.sparsemdp.io.Compression;
import org.sparsemdp.io.DeclaredCapacity;
import org.sparsemdp.io.LineScanner;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.model.HeapCheck;
import org.sparsemdp.model.InvalidModelException;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;

/**
 * Reads the native text format {@code .mdp}, version 1 (see the README for the full grammar):
 * <pre>
 * # comment to end of line; blank lines ignored
 * mdp 1                      first non-comment line: magic word and version
 * states N                   number of states, indices 0..N-1
 * choices C                  optional size hint: number of choice lines
 * transitions T              optional size hint: number of successor:probability pairs
 * objective min|max          min = costs to minimise, max = rewards to maximise
 * discount G                 optional, 0 &lt; G &lt;= 1; absent means 1
 * initial S                  optional initial state (default 0)
 * S A R T:P T:P ...          one line per choice: state, action label, reward, successor:probability pairs
 * </pre>
 * The header lines {@code states} and {@code objective} are required and, like the optional
 * ones, must come before the first choice line; choice lines may come in any state order. Action
 * labels are tokens without whitespace, ':' or '#'.
 *
 * <p>The size hints let the reader reserve the model's arrays exactly (through
 * {@link DeclaredCapacity}), so that they are filled in place and never grown or trimmed: the
 * peak heap of a load is then about the model itself. A hint is never trusted for allocation: it
 * is capped by what the file can hold ({@link Compression#contentSizeBound}; a pair takes at
 * least {@value #MIN_TRANSITION_BYTES} bytes, a choice line {@value #MIN_CHOICE_BYTES}; a stream
 * of unknown size reserves nothing) and by the free heap, and after reading it must equal the actual count, otherwise the error names the
 * hint's line. Files without hints are read the same way, with growing arrays.
 *
 * <p>The reader streams (one line in memory at a time, gzip detected by its magic bytes),
 * validates every line as it goes and reports {@code file:line: problem}. The declared number of
 * states is checked against the int range and the free heap before anything is allocated from
 * it.
 */
public final class MdpTextReader {
    /** Magic word of the first line. */
    public static final String MAGIC = "mdp";
    /** The only version this reader understands. */
    public static final int VERSION = 1;

    private MdpTextReader() {
    }

    /** Shortest successor:probability pair, " t:p". */
    static final int MIN_TRANSITION_BYTES = 4;
    /** Shortest choice line, "s a r t:p" and a newline. */
    static final int MIN_CHOICE_BYTES = 10;

    /** Reads {@code path} (gzip-compressed or not). */
    public static Mdp read(Path path) throws IOException {
        long contentBound = Compression.contentSizeBound(path);
        try (InputStream in = Compression.open(path)) {
            return read(in, path.toString(), contentBound);
        }
    }

    /** Reads a model from {@code in}; {@code source} names it in error messages. Does not close {@code in}. */
    public static Mdp read(InputStream in, String source) throws IOException {
        return read(in, source, -1);
    }

    /**
     * Reads a model from {@code in}, which holds at most {@code streamBytes} bytes (−1: unknown);
     * the size bounds what the size hints may reserve, and a stream of unknown size reserves
     * nothing (a lying hint in a few bytes of input must not allocate a large share of the heap).
     */
    private static Mdp read(InputStream in, String source, long streamBytes) throws IOException {
        LineScanner sc = new LineScanner(in, source).commentChar('#').separators(":");
        if (!sc.nextContentLine()) {
            throw ModelFormatException.inFile(source, "empty file: expected the header 'mdp 1'");
        }
        if (!sc.tryKeyword(MAGIC)) {
            throw sc.error("expected the header 'mdp 1', found '" + sc.currentLine().trim() + "'");
        }
        long version = sc.nextLong("format version");
        if (version != VERSION) {
            throw sc.error("unsupported format version " + version + " (this reader understands version " + VERSION + ")");
        }
        sc.expectEndOfLine("the version");

        Header header = new Header();
        boolean more;
        while ((more = sc.nextContentLine()) && Character.isLetter(sc.peek())) {
            header.parseLine(sc);
        }
        if (!header.hasStates()) {
            throw more ? sc.error("missing 'states N' before the first choice")
                    : ModelFormatException.inFile(source, "missing 'states N' line");
        }
        if (header.objective == null) {
            throw more ? sc.error("missing 'objective min|max' before the first choice")
                    : ModelFormatException.inFile(source, "missing 'objective min|max' line");
        }
        MdpBuilder builder = new MdpBuilder(header.states).objective(header.objective).discount(header.discount)
                .initialStates(header.initial);
        DeclaredCapacity.reserve(builder, header.choices, header.transitions,
                Math.max(0, streamBytes) / MIN_CHOICE_BYTES, Math.max(0, streamBytes) / MIN_TRANSITION_BYTES, source);
        long pairs = 0;
        while (more) {
            pairs += parseChoice(sc, builder, header.states);
            more = sc.nextContentLine();
        }
        header.checkHint(source, "choices", header.choices, builder.numChoices());
        header.checkHint(source, "transitions", header.transitions, pairs);
        try {
            return builder.build();
        } catch (InvalidModelException e) {
            throw ModelFormatException.inFile(source, e.getMessage());
        }
    }

    /** Parses one choice line into {@code builder}; returns its number of successor:probability pairs. */
    private static int parseChoice(LineScanner sc, MdpBuilder builder, int states) throws ModelFormatException {
        int s = sc.nextInt("state");
        if (s < 0 || s >= states) {
            throw sc.error("state " + s + " out of range 0.." + (states - 1));
        }
        String label = sc.nextInternedToken("action label");
        if (label.equals(":")) {
            throw sc.error("missing action label after state " + s);
        }
        double reward = sc.nextDouble("reward");
        if (!Double.isFinite(reward)) {
            throw sc.error("reward " + reward + " is not finite");
        }
        try {
            builder.startChoice(s, label, reward);
            int pairs = 0;
            while (sc.hasMoreTokens()) {
                int t = sc.nextInt("successor");
                sc.expect(':', "successor", t);
                double p = sc.nextDouble("probability");
                builder.addTransition(t, p);
                pairs++;
            }
            if (pairs == 0) {
                throw sc.error("choice of state " + s + " has no successor:probability pairs");
            }
            builder.finishChoice();
            return pairs;
        } catch (InvalidModelException e) {
            throw sc.error(e.getMessage());
        }
    }

    /** The header lines seen so far. */
    private static final class Header {
        int states = -1;
        Objective objective;
        double discount = 1.0;
        int initial;
        long choices = -1; // size hints, -1 when absent
        long transitions = -1;
        long choicesLine;
        long transitionsLine;
        private final java.util.Set<String> seen = new java.util.HashSet<>();

        boolean hasStates() {
            return states > 0;
        }

        void parseLine(LineScanner sc) throws ModelFormatException {
            String key = sc.nextToken("a header keyword");
            if (!seen.add(key)) {
                throw sc.error("duplicate '" + key + "' line");
            }
            switch (key) {
                case "states": {
                    long n = sc.nextLong("number of states");
                    if (n <= 0) {
                        throw sc.error("number of states must be positive, got " + n);
                    }
                    if (n > Integer.MAX_VALUE - 8) {
                        throw sc.error("number of states " + n + " exceeds the supported maximum " + (Integer.MAX_VALUE - 8));
                    }
                    try {
                        HeapCheck.ensureFree(4L * (n + 1), "the state index of " + n + " states");
                    } catch (InvalidModelException e) {
                        throw sc.error(e.getMessage());
                    }
                    states = (int) n;
                    break;
                }
                case "choices":
                    choices = hint(sc, "number of choices");
                    choicesLine = sc.lineNumber();
                    break;
                case "transitions":
                    transitions = hint(sc, "number of transitions");
                    transitionsLine = sc.lineNumber();
                    break;
                case "objective": {
                    String word = sc.nextToken("'min' or 'max'");
                    if (!word.equals("min") && !word.equals("max")) {
                        throw sc.error("objective must be 'min' or 'max', not '" + word + "'");
                    }
                    objective = Objective.parse(word);
                    break;
                }
                case "discount": {
                    double g = sc.nextDouble("discount factor");
                    if (!(g > 0 && g <= 1)) {
                        throw sc.error("discount must satisfy 0 < discount <= 1, got " + g);
                    }
                    discount = g;
                    break;
                }
                case "initial": {
                    if (states < 0) {
                        throw sc.error("'initial' must come after 'states'");
                    }
                    long s = sc.nextLong("initial state");
                    if (s < 0 || s >= states) {
                        throw sc.error("initial state " + s + " out of range 0.." + (states - 1));
                    }
                    initial = (int) s;
                    break;
                }
                default:
                    throw sc.error("unknown header line '" + key + "' (expected states, choices, transitions,"
                            + " objective, discount, initial, or a choice line starting with a state number)");
            }
            sc.expectEndOfLine("'" + key + "'");
        }

        private static long hint(LineScanner sc, String what) throws ModelFormatException {
            long n = sc.nextLong(what);
            if (n < 0) {
                throw sc.error(what + " must not be negative, got " + n);
            }
            if (n > Integer.MAX_VALUE - 8) {
                throw sc.error(what + " " + n + " exceeds the supported maximum " + (Integer.MAX_VALUE - 8));
            }
            return n;
        }

        /** Throws, naming the hint's line, if the size hint {@code key} was given and differs from {@code actual}. */
        void checkHint(String source, String key, long declared, long actual) throws ModelFormatException {
            if (declared >= 0 && declared != actual) {
                throw new ModelFormatException(source, key.equals("choices") ? choicesLine : transitionsLine,
                        "the header line '" + key + " " + declared + "' declares " + declared + " " + key
                                + ", but the file has " + actual);
            }
        }
    }
}
