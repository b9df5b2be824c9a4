package org.sparsemdp.io.drn;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsemdp.io.Compression;
import org.sparsemdp.io.DeclaredCapacity;
import org.sparsemdp.io.LineCensus;
import org.sparsemdp.io.LineScanner;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.io.RewardStructure;
import org.sparsemdp.model.InvalidModelException;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;

/**
 * Reads MDPs in Storm's explicit DRN format (the format of Storm's {@code --exportbuild} and
 * {@code --explicit-drn}):
 * <pre>
 * // comment lines
 * &#64;type: MDP
 * &#64;value_type: double
 * &#64;parameters
 *                                (empty: parametric models are not supported)
 * &#64;reward_models
 * time energy                    (names, may be empty)
 * &#64;nr_states
 * 6
 * &#64;nr_choices                (optional)
 * 10
 * &#64;model
 * state 0 [1, 2.3] init goal     state id, optional {valuation}, optional state rewards, labels
 * 	action south [0, 0]           action name ({@code __NOLABEL__}: none), optional action rewards
 * 		1 : 0.1                   successor : probability
 * </pre>
 * States must appear in order 0, 1, 2, ...; a state without actions is terminal. Each reward
 * model becomes a reward structure ({@link RewardStructure}) with a state part (if some state
 * reward is non-zero) and a choice part (the action rewards, if some is non-zero or the state part
 * is absent): r(s,a) = state reward + action reward. Probabilities
 * may be decimals or fractions {@code a/b}.
 *
 * <p>Streaming, {@code file:line} errors; {@code @nr_states} and {@code @nr_choices} are checked
 * against the body, never used to allocate more than the heap check of {@link MdpBuilder#build()}.
 */
public final class DrnReader {
    /** Storm's name for an unlabelled action. */
    public static final String NO_LABEL = "__NOLABEL__";
    /** Counts, after {@code @model}, action lines (class 0) and transition lines (class 1). */
    private static final LineCensus CENSUS = new LineCensus("@model", "a", "0123456789");

    private DrnReader() {
    }

    /**
     * Reads {@code path} (gzip- or xz-compressed or not). A regular file is read twice: a
     * {@link LineCensus} counts its {@code action} lines and transition lines first, so that the
     * arrays are allocated once at their final size (peak heap about the model itself instead of
     * up to twice its transition arrays while they grow; a compressed file is decompressed twice).
     */
    public static LoadedModel read(Path path) throws IOException {
        long[] census = CENSUS.ofFile(path);
        try (InputStream in = Compression.open(path)) {
            return read(in, path.toString(), census == null ? -1 : census[0], census == null ? -1 : census[1]);
        }
    }

    /** Reads a model from {@code in}; {@code source} names it in errors. Does not close {@code in}. */
    public static LoadedModel read(InputStream in, String source) throws IOException {
        return read(in, source, -1, -1);
    }

    /** As {@link #read(InputStream, String)}, reserving room for the counted choices and transitions (-1: unknown). */
    private static LoadedModel read(InputStream in, String source, long choicesHint, long transitionsHint)
            throws IOException {
        LineScanner sc = new LineScanner(in, source).separators(":[],{}/");
        List<String> rewardNames = new ArrayList<>();
        long declStates = -1;
        long declChoices = -1;
        boolean sawType = false;
        // Header
        while (true) {
            if (!nextLine(sc)) {
                throw ModelFormatException.inFile(source, "missing '@model' section");
            }
            String key = sc.nextToken("a header keyword");
            if (key.equals("@model")) {
                sc.expectEndOfLine("@model");
                break;
            }
            switch (key) {
                case "@type": {
                    sc.expect(':', "@type");
                    String type = sc.nextToken("model type");
                    if (!type.equals("MDP")) {
                        throw sc.error("unsupported model type '" + type + "' (this reader reads MDP)");
                    }
                    sawType = true;
                    break;
                }
                case "@value_type": {
                    sc.expect(':', "@value_type");
                    String vt = sc.nextToken("value type");
                    if (!vt.equals("double") && !vt.equals("rational")) {
                        throw sc.error("unsupported value type '" + vt + "' (double or rational)");
                    }
                    break;
                }
                case "@parameters":
                case "@placeholders":
                    if (sc.hasMoreTokens()) {
                        throw sc.error("parametric models are not supported");
                    }
                    break;
                case "@reward_models":
                    sc.expectEndOfLine("@reward_models");
                    if (!sc.nextLine()) {
                        throw ModelFormatException.inFile(source, "missing reward model names after @reward_models");
                    }
                    while (sc.hasMoreTokens()) {
                        rewardNames.add(sc.nextToken("reward model name"));
                    }
                    break;
                case "@nr_states":
                    declStates = countAfter(sc, "@nr_states");
                    if (declStates <= 0 || declStates > Integer.MAX_VALUE - 8) {
                        throw sc.error("number of states " + declStates + " is not in 1.." + (Integer.MAX_VALUE - 8));
                    }
                    break;
                case "@nr_choices":
                    declChoices = countAfter(sc, "@nr_choices");
                    break;
                default:
                    throw sc.error("unknown header '" + key + "'");
            }
            if (sc.hasMoreTokens()) {
                throw sc.error("unexpected text after '" + key + "'");
            }
        }
        if (!sawType) {
            throw sc.error("missing '@type: MDP' before @model");
        }
        int nr = rewardNames.size();
        MdpBuilder builder = declStates > 0 ? new MdpBuilder((int) declStates) : new MdpBuilder();
        boolean reserved = DeclaredCapacity.reserve(builder, choicesHint, transitionsHint, choicesHint,
                transitionsHint, source);
        DoubleArrayList[] choiceRewards = new DoubleArrayList[nr];
        for (int i = 1; i < nr; i++) { // the first model's action rewards go into the builder's reward array
            choiceRewards[i] = reserved && choicesHint > 0 ? new DoubleArrayList((int) choicesHint)
                    : new DoubleArrayList();
        }
        DoubleArrayList[] stateRewards = new DoubleArrayList[nr];
        for (int i = 0; i < nr; i++) {
            stateRewards[i] = new DoubleArrayList();
        }
        boolean[] nonZeroState = new boolean[nr];
        boolean[] nonZeroChoice = new boolean[nr];
        double[] stateRew = new double[nr];
        double[] tmp = new double[nr];
        Map<String, BitSet> labels = new LinkedHashMap<>();
        int state = -1;
        boolean inChoice = false;
        long choiceLine = 0;
        try {
            while (nextLine(sc)) {
                if (sc.tryKeyword("state")) {
                    if (inChoice) {
                        finish(builder, source, choiceLine);
                        inChoice = false;
                    }
                    int s = sc.nextInt("state");
                    if (s != state + 1) {
                        throw sc.error("states must be numbered 0, 1, 2, ... in order: expected " + (state + 1)
                                + ", found " + s);
                    }
                    if (declStates > 0 && s >= declStates) {
                        throw sc.error("state " + s + " beyond @nr_states " + declStates);
                    }
                    state = s;
                    if (sc.tryConsume('{')) {
                        skipBraces(sc);
                    }
                    if (sc.peek() == '!') {
                        throw sc.error("exit rates are not supported in an MDP");
                    }
                    java.util.Arrays.fill(stateRew, 0);
                    if (sc.peek() == '[') {
                        readRewards(sc, stateRew, "state " + s);
                    }
                    for (int i = 0; i < nr; i++) {
                        stateRewards[i].add(stateRew[i]);
                        nonZeroState[i] |= stateRew[i] != 0.0;
                    }
                    while (sc.hasMoreTokens()) {
                        String label = unquote(sc, sc.nextToken("label"));
                        labels.computeIfAbsent(label, k -> new BitSet()).set(s);
                    }
                } else if (sc.tryKeyword("action")) {
                    if (state < 0) {
                        throw sc.error("'action' before the first 'state'");
                    }
                    if (inChoice) {
                        finish(builder, source, choiceLine);
                    }
                    String name = sc.nextInternedToken("action name");
                    java.util.Arrays.fill(tmp, 0);
                    if (sc.peek() == '[') {
                        readRewards(sc, tmp, "action " + name);
                    }
                    sc.expectEndOfLine("the action");
                    for (int i = 0; i < nr; i++) {
                        if (i > 0) {
                            choiceRewards[i].add(tmp[i]);
                        }
                        nonZeroChoice[i] |= tmp[i] != 0.0;
                    }
                    builder.startChoice(state, name.equals(NO_LABEL) ? null : name, nr > 0 ? tmp[0] : 0.0);
                    inChoice = true;
                    choiceLine = sc.lineNumber();
                } else {
                    if (!inChoice) {
                        throw sc.error("a transition 'successor : probability' must follow an 'action' line");
                    }
                    int t = sc.nextInt("successor");
                    sc.expect(':', "successor", t);
                    double p = probability(sc);
                    sc.expectEndOfLine("the probability");
                    builder.addTransition(t, p);
                }
            }
            if (inChoice) {
                finish(builder, source, choiceLine);
            }
            if (state >= 0 && declStates <= 0) {
                builder.atLeastStates(state + 1); // the last states may have no actions
            }
        } catch (InvalidModelException e) {
            throw sc.error(e.getMessage());
        }
        if (state < 0) {
            throw ModelFormatException.inFile(source, "no states after @model");
        }
        if (declStates > 0 && state + 1 != declStates) {
            throw ModelFormatException.inFile(source, "@nr_states declares " + declStates + " states, but the file has "
                    + (state + 1));
        }
        if (declChoices >= 0 && builder.numChoices() != declChoices) {
            throw ModelFormatException.inFile(source, "@nr_choices declares " + declChoices
                    + " choices, but the file has " + builder.numChoices());
        }
        Mdp mdp;
        try {
            mdp = builder.build();
        } catch (InvalidModelException e) {
            throw ModelFormatException.inFile(source, e.getMessage());
        }
        List<RewardStructure> rewards = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < nr; i++) {
            String name = rewardNames.get(i);
            stateRewards[i].size(mdp.numStates()); // states after the last state line have none
            double[] statePart = nonZeroState[i] ? stateRewards[i].toDoubleArray() : null;
            double[] choicePart = null;
            if (nonZeroChoice[i] || statePart == null) {
                if (i == 0) {
                    choicePart = mdp.rewardArray(); // shared with the model, both read-only
                } else {
                    choiceRewards[i].trim(); // no copy when the census reserved the exact size
                    choicePart = choiceRewards[i].elements();
                }
            }
            rewards.add(new RewardStructure(names.add(name) ? name : String.valueOf(i + 1), statePart, choicePart));
        }
        return LoadedModel.assemble(mdp, labels, rewards);
    }

    private static long countAfter(LineScanner sc, String key) throws IOException {
        sc.expectEndOfLine(key);
        if (!nextLine(sc)) {
            throw ModelFormatException.inFile(sc.source(), "missing number after " + key);
        }
        return sc.nextLong("number after " + key);
    }

    private static void readRewards(LineScanner sc, double[] into, String what) throws ModelFormatException {
        sc.expect('[', what);
        for (int i = 0; i < into.length; i++) {
            if (i > 0) {
                sc.expect(',', "reward " + i + " of " + what);
            }
            double v = sc.nextDouble("reward");
            if (!Double.isFinite(v)) {
                throw sc.error("reward " + v + " is not finite");
            }
            into[i] = v;
        }
        if (!sc.tryConsume(']')) {
            throw sc.error(what + " must have exactly " + into.length + " reward(s), one per reward model");
        }
    }

    /** A decimal probability or a fraction {@code a/b} (read without allocating). */
    private static double probability(LineScanner sc) throws ModelFormatException {
        double p = sc.nextDouble("probability");
        if (sc.tryConsume('/')) {
            p /= sc.nextDouble("denominator");
        }
        return p;
    }

    private static void skipBraces(LineScanner sc) throws ModelFormatException {
        while (sc.hasMoreTokens()) {
            if (sc.tryConsume('}')) {
                return;
            }
            sc.nextToken("state valuation");
        }
        throw sc.error("unterminated '{' in the state line");
    }

    private static String unquote(LineScanner sc, String token) throws ModelFormatException {
        if (token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")) {
            token = token.substring(1, token.length() - 1);
        }
        if (token.isEmpty()) {
            throw sc.error("empty label");
        }
        return token;
    }

    private static void finish(MdpBuilder builder, String source, long line) throws ModelFormatException {
        try {
            builder.finishChoice();
        } catch (InvalidModelException e) {
            throw new ModelFormatException(source, line, e.getMessage());
        }
    }

    /** Next line with content that is not a {@code //} comment. */
    private static boolean nextLine(LineScanner sc) throws IOException {
        while (sc.nextContentLine()) {
            if (sc.peek() != '/') { // no DRN line starts with '/', so this is a '//' comment
                return true;
            }
        }
        return false;
    }
}
