package org.sparsemdp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;

/** Label expressions: precedence ! > & > |, parentheses, quotes, built-in labels, errors. */
class LabelExpressionTest {
    /** 8 states; a = {0..3}, b = {0,1,4,5}, c = {0,2,4,6} (the 3-bit truth table); state 7 terminal. */
    private static LoadedModel model() {
        MdpBuilder builder = new MdpBuilder(8).initialStates(2);
        for (int s = 0; s < 7; s++) {
            builder.addChoice(s, "x", 0, new int[] {s + 1}, new double[] {1});
        }
        Mdp mdp = builder.build();
        return new LoadedModel(mdp, Map.of("a", set(0, 1, 2, 3), "b", set(0, 1, 4, 5), "c", set(0, 2, 4, 6)), Map.of());
    }

    private static BitSet set(int... states) {
        BitSet b = new BitSet();
        for (int s : states) {
            b.set(s);
        }
        return b;
    }

    private static BitSet eval(String e) {
        return LabelExpression.parse(e).evaluate(model());
    }

    @Test
    void precedenceAndParentheses() {
        assertEquals(set(0, 1, 2, 3, 4), eval("a | b & c")); // a ∪ (b ∩ c)
        assertEquals(set(0, 4), eval("(a | b) & c & !(a & !b)"));
        assertEquals(set(4, 5), eval("!a&b"));
        assertEquals(set(2, 3, 6, 7), eval("!!!b"));
        assertEquals(set(0, 2, 4, 5, 6), eval("\"c\"|!a&b"));
        assertEquals(set(2), eval("init"));
        assertEquals(set(7), eval("deadlock"));
        assertEquals(8, eval("true").cardinality());
        assertEquals(0, eval("false & a").cardinality());
    }

    @Test
    void malformedExpressionsNameThePosition() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabelExpression.parse("a & (b"))
                .getMessage().contains("expected ')'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabelExpression.parse("a b"))
                .getMessage().contains("position 3"));
        assertThrows(IllegalArgumentException.class, () -> LabelExpression.parse("a &"));
        assertThrows(IllegalArgumentException.class, () -> LabelExpression.parse("\"a"));
        assertThrows(IllegalArgumentException.class, () -> LabelExpression.parse("!".repeat(500) + "a"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> eval("a | zz")).getMessage()
                .contains("unknown label 'zz'"));
    }
}
