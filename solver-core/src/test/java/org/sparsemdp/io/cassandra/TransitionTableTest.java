package org.sparsemdp.io.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The transition buffer against a dense reference that applies the format's rules literally
 * (an entry sets T(s, a, t); a whole-row definition clears the row first), on random statement
 * sequences that stay in the model's order, leave it once, or were never in it.
 */
class TransitionTableTest {
    private static final int S = 7;
    private static final int A = 3;

    /** Applies {@code ops} random operations to a table and the reference; returns whether the table stayed ordered. */
    private static boolean check(long seed, int ops, double disorder, long hint) {
        return check(seed, ops, disorder, hint, false);
    }

    /**
     * As {@link #check(long, int, double, long)}, the rows of the ordered part visited by action
     * ({@code a·S + s}) instead of by state if {@code byAction}.
     */
    private static boolean check(long seed, int ops, double disorder, long hint, boolean byAction) {
        Random rnd = new Random(seed);
        TransitionTable table = new TransitionTable(S, A, hint);
        double[][] dense = new double[S * A][S];
        int row = 0;
        int t = -1;
        for (int i = 0; i < ops; i++) {
            double u = rnd.nextDouble();
            if (u < disorder) { // anywhere
                int s = rnd.nextInt(S);
                int a = rnd.nextInt(A);
                if (rnd.nextBoolean()) {
                    table.defineRow(s, a);
                    java.util.Arrays.fill(dense[s * A + a], 0.0);
                } else {
                    put(table, dense, s, a, rnd.nextInt(S), rnd.nextInt(4) / 4.0);
                }
                continue;
            }
            int s = byAction ? row % S : row / A;
            int a = byAction ? row / S : row % A;
            if (u < 0.1 && t >= 0) { // the same entry again, possibly zero
                put(table, dense, s, a, t, rnd.nextInt(3) / 2.0);
            } else if (u < 0.15) { // redefine the current row
                table.defineRow(s, a);
                java.util.Arrays.fill(dense[s * A + a], 0.0);
                t = -1;
            } else { // the next entry in model order
                t += 1 + rnd.nextInt(2);
                if (t >= S) {
                    row += 1 + rnd.nextInt(2);
                    t = rnd.nextInt(2);
                    if (row >= S * A) {
                        break;
                    }
                    s = byAction ? row % S : row / A;
                    a = byAction ? row / S : row % A;
                }
                put(table, dense, s, a, t, rnd.nextInt(5) / 4.0);
            }
        }
        boolean ordered = table.isOrdered();
        CsrRows rows = table.toRows();
        int k = 0;
        for (int c = 0; c < S * A; c++) {
            assertEquals(k, rows.transStart()[c], "start of row " + c);
            for (int j = 0; j < S; j++) {
                if (dense[c][j] != 0.0) {
                    assertEquals(j, rows.successor()[k], "successor in row " + c);
                    assertEquals(dense[c][j], rows.probability()[k], 0.0, "probability in row " + c);
                    k++;
                }
            }
        }
        assertEquals(k, rows.transStart()[S * A]);
        assertEquals(k, rows.size());
        return ordered;
    }

    private static void put(TransitionTable table, double[][] dense, int s, int a, int t, double p) {
        table.put(s, a, t, p);
        dense[s * A + a][t] = p;
    }

    @Test
    void entriesInModelOrderStayInTheOrderedStoreAndKeepTheRules() {
        for (long seed = 0; seed < 300; seed++) {
            assertTrue(check(seed, 200, 0.0, seed % 3 == 0 ? -1 : 40), "seed " + seed);
        }
    }

    @Test
    void entriesByActionStayInTheOrderedStoreAndComeOutInTheModelsOrder() {
        int byAction = 0;
        for (long seed = 0; seed < 300; seed++) {
            assertTrue(check(seed, 200, 0.0, seed % 3 == 0 ? -1 : 40, true), "seed " + seed);
        }
        // One sequence through every row by action, checked to have switched the store.
        TransitionTable table = new TransitionTable(S, A, -1);
        for (int a = 0; a < A; a++) {
            for (int s = 0; s < S; s++) {
                int t1 = (s + a) % S;
                int t2 = (s + a + 1) % S;
                table.put(s, a, Math.min(t1, t2), 0.25);
                table.put(s, a, Math.max(t1, t2), 0.75);
            }
        }
        assertTrue(table.isByAction());
        CsrRows rows = table.toRows();
        for (int c = 0; c < S * A; c++) {
            int s = c / A;
            int a = c % A;
            assertEquals(2 * c, rows.transStart()[c]);
            int t1 = (s + a) % S;
            int t2 = (s + a + 1) % S;
            assertEquals(Math.min(t1, t2), rows.successor()[2 * c], "row " + c);
            assertEquals(Math.max(t1, t2), rows.successor()[2 * c + 1], "row " + c);
            assertEquals(0.25, rows.probability()[2 * c], 0.0, "row " + c);
            assertEquals(0.75, rows.probability()[2 * c + 1], 0.0, "row " + c);
        }
    }

    @Test
    void entriesByActionThatLeaveThatOrderGiveTheSameRowsThroughTheLog() {
        int movedToLog = 0;
        for (long seed = 0; seed < 300; seed++) {
            if (!check(seed, 200, seed % 2 == 0 ? 0.01 : 0.3, 64, true)) {
                movedToLog++;
            }
        }
        assertTrue(movedToLog >= 150, "every sequence with 30% disorder must leave the ordered store: " + movedToLog);
    }

    @Test
    void entriesOutOfOrderGiveTheSameRowsThroughTheLog() {
        int movedToLog = 0;
        for (long seed = 0; seed < 300; seed++) {
            if (!check(seed, 200, seed % 2 == 0 ? 0.01 : 0.3, 64)) {
                movedToLog++;
            }
        }
        assertTrue(movedToLog >= 150, "every sequence with 30% disorder must leave the ordered store: " + movedToLog);
    }

    @Test
    void definingAnEarlierRowWithEntriesLeavesTheOrderedStore() {
        TransitionTable table = new TransitionTable(S, A, -1);
        table.put(0, 0, 1, 1.0);
        table.put(0, 1, 0, 1.0);
        table.defineRow(0, 2); // no entries yet: nothing to drop
        assertTrue(table.isOrdered());
        table.defineRow(0, 1); // the last row: its entries are dropped in place
        assertTrue(table.isOrdered());
        table.put(0, 1, 1, 1.0);
        table.defineRow(0, 0); // an earlier row with an entry
        assertFalse(table.isOrdered());
        table.put(0, 0, 2, 1.0);
        CsrRows rows = table.toRows();
        assertEquals(2, rows.size());
        assertEquals(2, rows.successor()[0]); // (0, 0): only the entry after its definition
        assertEquals(1, rows.successor()[1]); // (0, 1): the entry after its first definition
        assertEquals(1, rows.transStart()[1]);
        assertEquals(2, rows.transStart()[2]);
    }
}
