package org.sparsemdp.io.cassandra;

import java.io.IOException;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.model.InvalidModelException;

/**
 * The {@code T:}, {@code R:} and {@code O:} statements of a Cassandra file, expanded (wildcards,
 * {@code uniform}, {@code identity}, {@code reset}, rows and matrices) into the buffered
 * {@link TransitionTable} and {@link RewardTable}; {@code O:} statements are checked for syntax
 * only. Every wildcard expansion is checked against the int range and the free heap before it is
 * made. See {@link CassandraReader} for the format.
 */
final class CassandraStatements {
    private static final long RESERVE_BLOCK = 1 << 16;

    private final CassandraTokens in;
    private final CassandraHeader h;
    private final TransitionTable trans;
    private final RewardTable rewards;
    private int seq;
    private long reservedUpTo;

    /** Statements of a file whose census counted about {@code expectedEntries} transition entries (-1: unknown). */
    CassandraStatements(CassandraTokens in, CassandraHeader h, long expectedEntries) {
        this.in = in;
        this.h = h;
        this.trans = new TransitionTable(h.numStates, h.numActions, expectedEntries);
        this.rewards = new RewardTable(h.numStates, h.numActions);
    }

    /** Hands the buffered tables to a model builder (this object is not used afterwards). */
    CassandraModelBuilder builder(String source) {
        return new CassandraModelBuilder(source, h.numStates, h.numActions, trans, rewards);
    }

    void parseStatement() throws IOException {
        if (seq == Integer.MAX_VALUE) {
            throw in.error("too many statements");
        }
        seq++;
        if (in.tryKeyword("T")) {
            in.expectColon("'T'");
            parseTransition();
        } else if (in.tryKeyword("R")) {
            in.expectColon("'R'");
            parseReward();
        } else if (in.tryKeyword("O")) {
            in.expectColon("'O'");
            parseObservation();
        } else {
            throw in.error("expected 'T:', 'R:' or 'O:', found " + in.describeNext());
        }
    }

    // ---- T ----

    private void parseTransition() throws IOException {
        int a = h.action();
        if (!in.tryChar(':')) {
            parseTransitionMatrix(a);
            return;
        }
        int s = h.state("start state", true);
        if (in.tryChar(':')) {
            int t = h.state("end state", true);
            double p = in.probability("probability");
            reserve((long) span(a, h.numActions) * span(s, h.numStates) * span(t, h.numStates));
            for (int ai = lo(a); ai <= hi(a, h.numActions); ai++) {
                for (int si = lo(s); si <= hi(s, h.numStates); si++) {
                    for (int ti = lo(t); ti <= hi(t, h.numStates); ti++) {
                        trans.put(si, ai, ti, p);
                    }
                }
            }
            return;
        }
        long rows = (long) span(a, h.numActions) * span(s, h.numStates);
        if (in.tryKeyword("uniform")) {
            reserve(rows * h.numStates);
            double p = 1.0 / h.numStates;
            forRows(a, s, (si, ai) -> {
                trans.defineRow(si, ai);
                for (int t = 0; t < h.numStates; t++) {
                    trans.put(si, ai, t, p);
                }
            });
        } else if (in.tryKeyword("reset")) {
            reserve(rows * h.initialStateCount());
            int[] initial = h.initialStates();
            double p = 1.0 / initial.length;
            forRows(a, s, (si, ai) -> {
                trans.defineRow(si, ai);
                for (int t : initial) {
                    trans.put(si, ai, t, p);
                }
            });
        } else {
            forRows(a, s, (si, ai) -> trans.defineRow(si, ai));
            for (int t = 0; t < h.numStates; t++) {
                double p = in.probability("probability of end state " + t);
                if (p != 0.0) {
                    reserve(rows);
                    int tt = t;
                    forRows(a, s, (si, ai) -> trans.put(si, ai, tt, p));
                }
            }
        }
    }

    private void parseTransitionMatrix(int a) throws IOException {
        long rows = (long) span(a, h.numActions) * h.numStates;
        if (in.tryKeyword("uniform")) {
            reserve(rows * h.numStates);
            double p = 1.0 / h.numStates;
            forRows(a, RewardTable.ANY, (si, ai) -> {
                trans.defineRow(si, ai);
                for (int t = 0; t < h.numStates; t++) {
                    trans.put(si, ai, t, p);
                }
            });
            return;
        }
        if (in.tryKeyword("identity")) {
            reserve(rows);
            forRows(a, RewardTable.ANY, (si, ai) -> {
                trans.defineRow(si, ai);
                trans.put(si, ai, si, 1.0);
            });
            return;
        }
        forRows(a, RewardTable.ANY, (si, ai) -> trans.defineRow(si, ai));
        for (int s = 0; s < h.numStates; s++) {
            for (int t = 0; t < h.numStates; t++) {
                double p = in.probability("probability of row " + s + ", column " + t);
                if (p != 0.0) {
                    reserve(span(a, h.numActions));
                    for (int ai = lo(a); ai <= hi(a, h.numActions); ai++) {
                        trans.put(s, ai, t, p);
                    }
                }
            }
        }
    }

    // ---- R ----

    private void parseReward() throws IOException {
        int a = h.action();
        boolean pomdp = h.numObservations > 0;
        if (!in.tryChar(':')) {
            if (pomdp) {
                throw in.error("'R: action <matrix>' is the MDP-only form; a POMDP needs 'R: action : state ...'");
            }
            for (int s = 0; s < h.numStates; s++) {
                for (int t = 0; t < h.numStates; t++) {
                    rewards.put(a, s, t, in.number("reward of row " + s + ", column " + t), seq);
                }
            }
            return;
        }
        int s = h.state("start state", true);
        if (!in.tryChar(':')) {
            for (int t = 0; t < h.numStates; t++) {
                rewards.put(a, s, t, pomdp ? observationIndependent(t) : in.number("reward of end state " + t), seq);
            }
            return;
        }
        int t = h.state("end state", true);
        if (in.tryChar(':')) {
            if (!pomdp) {
                throw in.error("'R: a : s : s' : o r' names an observation, but this is an MDP file"
                        + " (no 'observations:'); use 'R: a : s : s' r'");
            }
            int o = h.observation();
            double r = in.number("reward");
            if (o != RewardTable.ANY) {
                throw in.error("the reward depends on the observation, which the underlying MDP cannot express"
                        + " (only '*' is accepted as the observation of an R: entry)");
            }
            rewards.put(a, s, t, r, seq);
            return;
        }
        rewards.put(a, s, t, pomdp ? observationIndependent(t) : in.number("reward"), seq);
    }

    /** Reads one value per observation and returns it if they are all equal. */
    private double observationIndependent(int t) throws IOException {
        double first = in.number("reward");
        for (int o = 1; o < h.numObservations; o++) {
            double r = in.number("reward for observation " + o);
            if (r != first) {
                throw in.error("the reward for end state " + t + " depends on the observation, which the"
                        + " underlying MDP cannot express");
            }
        }
        return first;
    }

    // ---- O (syntax only) ----

    private void parseObservation() throws IOException {
        if (h.numObservations <= 0) {
            throw in.error("'O:' in a file without 'observations:'");
        }
        h.action();
        if (!in.tryChar(':')) {
            if (!in.tryKeyword("uniform") && !in.tryKeyword("reset")) {
                skipProbabilities((long) h.numStates * h.numObservations);
            }
            return;
        }
        h.state("end state", true);
        if (in.tryChar(':')) {
            h.observation();
            in.probability("observation probability");
            return;
        }
        if (!in.tryKeyword("uniform") && !in.tryKeyword("reset")) {
            skipProbabilities(h.numObservations);
        }
    }

    private void skipProbabilities(long n) throws IOException {
        for (long i = 0; i < n; i++) {
            in.probability("observation probability");
        }
    }

    // ---- helpers ----

    private interface RowAction {
        void apply(int s, int a);
    }

    private void forRows(int a, int s, RowAction f) {
        for (int ai = lo(a); ai <= hi(a, h.numActions); ai++) {
            for (int si = lo(s); si <= hi(s, h.numStates); si++) {
                f.apply(si, ai);
            }
        }
    }

    private static int lo(int x) {
        return x == RewardTable.ANY ? 0 : x;
    }

    private static int hi(int x, int n) {
        return x == RewardTable.ANY ? n - 1 : x;
    }

    private static int span(int x, int n) {
        return x == RewardTable.ANY ? n : 1;
    }

    /**
     * Checks, before entries are added, that they fit: in the int range and (amortised over
     * blocks of {@value #RESERVE_BLOCK} entries) in the free heap.
     */
    private void reserve(long entries) throws ModelFormatException {
        long total = trans.size() + entries;
        if (entries < 0 || total > Integer.MAX_VALUE - 8) {
            throw in.error("this statement would make more than " + (Integer.MAX_VALUE - 8) + " transition entries");
        }
        if (total <= reservedUpTo) {
            return;
        }
        long block = Math.max(entries, RESERVE_BLOCK);
        try {
            trans.reserve(block, "this statement's " + entries + " transition entries");
        } catch (InvalidModelException e) {
            throw in.error(e.getMessage());
        }
        reservedUpTo = trans.size() + block;
    }
}
