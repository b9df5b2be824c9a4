package org.sparsemdp.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;

/** The property parser: the accepted PRISM/Storm forms, and malformed properties with the column of the problem. */
class PropertyParserTest {

    @Test
    void probabilityForms() {
        Property p = PropertyParser.parse("Pmax=? [ F \"goal\" ]");
        assertEquals(Objective.MAXIMIZE, p.direction());
        PathFormula.Until u = assertInstanceOf(PathFormula.Until.class, p.path());
        assertEquals(PathFormula.UNBOUNDED, u.bound());
        assertEquals(new StateFormula.Label("goal", true, 12), u.right());

        p = PropertyParser.parse("P=? [ \"a\" U<=7 !\"b\" ]");
        assertNull(p.direction());
        u = assertInstanceOf(PathFormula.Until.class, p.path());
        assertEquals(7, u.bound());
        assertInstanceOf(StateFormula.Not.class, u.right());

        assertEquals(4, ((PathFormula.Until) PropertyParser.parse("Pmin=? [ F<5 x=1 ]").path()).bound());
        assertEquals(3, ((PathFormula.Until) PropertyParser.parse("Pmin=? [ true U[0,3] x=1 ]").path()).bound());
        assertEquals(2, ((PathFormula.Globally) PropertyParser.parse("Pmin=?[ G<=2 t!=1 ]").path()).bound());
        assertInstanceOf(PathFormula.Next.class, PropertyParser.parse("Pmax=? [ X \"a\" ]").path());
        Property named = PropertyParser.parse("\"reach\": Pmax=? [ F \"goal\" ]");
        assertEquals("reach", named.name());
        assertEquals("Pmax=? [ F \"goal\" ]", named.text());
    }

    @Test
    void rewardForms() {
        Property p = PropertyParser.parse("R{\"time\"}min=? [ F \"goal\" ]");
        assertTrue(p.reward());
        assertEquals("time", p.rewardStructure());
        assertEquals(Objective.MINIMIZE, p.direction());
        assertInstanceOf(PathFormula.ReachReward.class, p.path());

        assertEquals("2", PropertyParser.parse("R{2}max=? [ C ]").rewardStructure());
        assertEquals(PathFormula.UNBOUNDED, ((PathFormula.Cumulative) PropertyParser.parse("R=? [ C ]").path()).bound());
        assertEquals(10, ((PathFormula.Cumulative) PropertyParser.parse("Rmax=? [ C<=10 ]").path()).bound());
        assertEquals(4, ((PathFormula.Instantaneous) PropertyParser.parse("Rmin=? [ I=4 ]").path()).step());
        assertEquals(0.9, ((PathFormula.DiscountedCumulative) PropertyParser.parse("Rmax=? [ C discount=9/10 ]").path())
                .discount(), 1e-15);
        assertEquals(0.5, ((PathFormula.DiscountedCumulative) PropertyParser.parse("R{\"a\"}max=? [ C discount=0.5 ]")
                .path()).discount(), 1e-15);
        assertInstanceOf(PathFormula.LongRunAverage.class, PropertyParser.parse("Rmax=? [ S ]").path());
        assertInstanceOf(PathFormula.LongRunAverage.class, PropertyParser.parse("R{\"x\"}min=? [ LRA ]").path());
        PathFormula.LongRunAverage l = assertInstanceOf(PathFormula.LongRunAverage.class,
                PropertyParser.parse("LRAmax=? [ \"busy\" ]").path());
        assertInstanceOf(StateFormula.Label.class, l.operand());
    }

    @Test
    void constantsInBoundsAndComparisons() {
        Map<String, Number> c = Map.of("k", 5L, "g", 0.25);
        assertEquals(6, ((PathFormula.Until) PropertyParser.parse("Pmax=? [ F<=k+1 x=k ]", c).path()).bound());
        assertEquals(0.25, ((PathFormula.DiscountedCumulative) PropertyParser.parse("Rmax=? [ C discount=g ]", c).path())
                .discount());
        StateFormula.Comparison cmp = (StateFormula.Comparison) ((PathFormula.Until) PropertyParser
                .parse("Pmax=? [ F x=k ]", c).path()).right();
        assertEquals(new IntExpression.Literal(5), cmp.right());
    }

    @Test
    void stateFormulasEvaluateWithPrecedenceAndVariables() throws Exception {
        // 4 states with a self-loop each; labels a = {0,1}, b = {1,2}; variable x = state index, y = 3 - x
        MdpBuilder b = new MdpBuilder(4);
        for (int s = 0; s < 4; s++) {
            b.addChoice(s, "loop", 0, new int[] {s}, new double[] {1});
        }
        Mdp mdp = b.build();
        Map<String, BitSet> labels = new LinkedHashMap<>();
        labels.put("a", BitSet.valueOf(new long[] {0b0011}));
        labels.put("b", BitSet.valueOf(new long[] {0b0110}));
        LoadedModel model = new LoadedModel(mdp, labels, Map.of());
        StateValuations v = StateValuations.read(new java.io.ByteArrayInputStream(
                "(x,y)\n0:(0,3)\n1:(1,2)\n2:(2,1)\n3:(3,0)\n".getBytes()), "t.sta", 4);
        StateContext ctx = new StateContext(model, Map.of("c", PropertyParser.parseStateFormula("x>=2")), v);
        assertEquals(set(1), eval("\"a\" & \"b\"", ctx));
        assertEquals(set(0, 1, 2), eval("\"a\" | \"b\"", ctx));
        assertEquals(set(0, 1), eval("\"a\" | \"b\" & !\"a\" & x=0", ctx), "& binds tighter than |: a | (b & !a & x=0), not (a | b) & ... = {}");
        assertEquals(set(1, 2, 3), eval("\"a\" => \"b\"", ctx));
        assertEquals(set(1, 3), eval("\"a\" <=> \"b\"", ctx));
        assertEquals(set(2, 3), eval("\"c\"", ctx));
        assertEquals(set(1, 2), eval("x+y=3 & x!=0 & x-1<2", ctx));
        assertEquals(set(0, 1, 2, 3), eval("true | false", ctx));
        assertEquals(set(), eval("!(true)", ctx));
        assertEquals(set(0, 1), eval("a", ctx), "a bare name is a label");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> eval("\"a\" & \"zz\"", ctx));
        assertTrue(e.getMessage().contains("column 7: unknown label \"zz\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> eval("z<1", ctx));
        assertTrue(e.getMessage().contains("column 1: unknown state variable or constant 'z'"), e.getMessage());
        StateContext noSta = StateContext.of(model);
        e = assertThrows(IllegalArgumentException.class, () -> eval("\"a\" & x=1", noSta));
        assertTrue(e.getMessage().contains("column 7") && e.getMessage().contains("no states file"), e.getMessage());
    }

    private static java.util.Set<Integer> eval(String formula, StateContext ctx) {
        return PropertyParser.parseStateFormula(formula).evaluate(ctx).stream().boxed()
                .collect(java.util.stream.Collectors.toSet());
    }

    private static java.util.Set<Integer> set(Integer... xs) {
        return java.util.Set.of(xs);
    }

    /** Malformed properties: the column and the reason. */
    @Test
    void malformedPropertiesNameTheColumn() {
        assertError("Pmax=? [ F \"goal\"", 18, "expected ']', found the end of the property");
        assertError("Pmax=? [ F \"goal ]", 12, "unterminated string");
        assertError("Pmax [ F \"goal\" ]", 6, "expected '=?' after Pmax");
        assertError("Pmax>=0.5 [ F \"goal\" ]", 5, "threshold queries");
        assertError("Q=? [ F \"goal\" ]", 1, "expected P, R or LRA");
        assertError("Pmax=? [ F<=-1 \"goal\" ]", 11, "negative");
        assertError("Pmax=? [ F<=k \"goal\" ]", 13, "unknown constant 'k'");
        assertError("Pmax=? [ F>=3 \"goal\" ]", 11, "lower step bounds");
        assertError("Pmax=? [ \"a\" ]", 14, "expected a path formula");
        assertError("Pmax=? [ F (\"a\" & ) ]", 19, "expected a state formula");
        assertError("Pmax=? [ F \"a\" # ]", 16, "unexpected character '#'");
        assertError("Pmax=? [ F \"a\" ] extra", 18, "unexpected 'extra' after a complete property");
        assertError("Pmax=? [ F \"a\" {\"init\"} ]", 16, "filters");
        assertError("R{time}max=? [ C ]", 3, "reward structure names are quoted");
        assertError("R{0}max=? [ C ]", 3, "numbered from 1");
        assertError("Rmax=? [ C discount=3/2 ]", 21, "strictly between 0 and 1");
        assertError("Rmax=? [ C discount=1/0 ]", 22, "division by zero");
        assertError("Rmax=? [ F<=3 \"a\" ]", 11, "step-bounded reachability rewards");
        assertError("Rmax=? [ I ]", 12, "expected '='");
        assertError("Rmax=? [ X \"a\" ]", 10, "expected a reward path formula");
        assertError("Rminmax=? [ C ]", 1, "expected P, R or LRA");
        assertError("Rmin max=? [ C ]", 6, "the direction is already given");
        assertError("Pmax=? [ F x+1 ]", 16, "expected a comparison");
        assertError("Pmax=? [ F 1.5=x ]", 12, "is not an integer");
        assertError("Pmax=? [ G<0 \"a\" ]", 11, "must be at least 1");
        assertError("Pmax=? [ \"a\" W \"b\" ]", 14, "weak until");
        assertError("S=? [ \"a\" ]", 1, "Markov chains");
        assertError("", 1, "expected P, R or LRA, found the end of the property");
    }

    private static void assertError(String text, int column, String fragment) {
        PropertySyntaxException e = assertThrows(PropertySyntaxException.class, () -> PropertyParser.parse(text), text);
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().contains("column " + column + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void nestingIsBounded() {
        for (String deep : new String[] {"!".repeat(1000) + "\"a\"", "(".repeat(1000) + "\"a\"",
            "\"a\" => ".repeat(100_000) + "\"a\""}) {
            PropertySyntaxException e = assertThrows(PropertySyntaxException.class,
                    () -> PropertyParser.parse("Pmax=? [ F " + deep + " ]"));
            assertTrue(e.getMessage().contains("nested deeper than"), e.getMessage());
        }
        // long flat formulas are refused (they are evaluated recursively); sign runs parse without recursion
        for (String longOne : new String[] {"\"a\" | ".repeat(100_000) + "\"a\"", "x=1" + "+1".repeat(100_000)}) {
            PropertySyntaxException e = assertThrows(PropertySyntaxException.class,
                    () -> PropertyParser.parse("Pmax=? [ F " + longOne + " ]"));
            assertTrue(e.getMessage().contains("more than 1000 operators"), e.getMessage());
        }
        PropertyParser.parse("Pmax=? [ F " + "\"a\" | ".repeat(999) + "x=" + "-".repeat(100_000) + "1 ]");
    }

    @Test
    void propertiesFileWithConstantsLabelsCommentsAndNames() {
        String text = "// a comment\n"
                + "const int k = 5;\n"
                + "const double g = 9/10;\n"
                + "const int k2 = k+1; // trailing comment\n"
                + "label \"safe\" = !\"hazard\";\n"
                + "\n"
                + "Pmax=? [ \"safe\" U<=k2 \"goal\" ];\n"
                + "  \"disc\": R{\"time\"}max=? [ C discount=g ]\n"
                + "Pmin=? [ F \"a;b\" ]; Pmax=? [ F \"c\" ];\n";
        PropertiesFile f = PropertiesFile.parse(text, "x.props");
        assertEquals(4, f.properties().size());
        assertEquals("Pmax=? [ F \"c\" ]", f.properties().get(3).text());
        assertEquals(6, ((PathFormula.Until) f.properties().get(0).path()).bound());
        assertEquals("disc", f.properties().get(1).name());
        assertEquals(0.9, ((PathFormula.DiscountedCumulative) f.properties().get(1).path()).discount(), 1e-15);
        assertEquals(5L, f.constants().get("k"));
        assertTrue(f.labels().containsKey("safe"));
    }

    @Test
    void propertiesFileErrorsNameFileLineAndColumn() {
        assertFileError("const int k = 5;\n  Pmax=? [ F<=j \"a\" ]\n", "x.props:2:15: unknown constant 'j'");
        assertFileError("const int k;\n", "x.props:1:11: constant 'k' has no value");
        assertFileError("const int k = 1.5;\n", "x.props:1:15: constant 'k' must be an integer");
        assertFileError("const int k = 1;\nconst int k = 2;\n", "x.props:2:11: constant 'k' is defined twice");
        assertFileError("label \"a\" = x=;\n", "x.props:1:15: expected an integer");
        assertFileError("const int k = q;\n", "x.props:1:15: expected a number or a constant defined above");
        assertFileError("Pmin=? [ F \"a\" ]; Pmax=? [ F \"b\" & ]\n", "x.props:1:36: expected a state formula");
    }

    private static void assertFileError(String text, String fragment) {
        PropertySyntaxException e = assertThrows(PropertySyntaxException.class, () -> PropertiesFile.parse(text, "x.props"));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
