package org.sparsemdp.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.prism.PrismExplicitReader.RewardFiles;
import org.sparsemdp.io.prism.PrismExplicitReader;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.ValueIterationSolver;
import org.sparsemdp.solve.undiscounted.IterationOrder;

/**
 * The models' own property files and the values PRISM's and Storm's test suites assert for the
 * published models in {@code ../shared/data/external} (see each folder's SOURCES.txt), through
 * the parser and {@link QueryEvaluator}. Skipped when that folder is absent.
 */
class PublishedPropertiesTest {
    private static final Path ROOT = externalData();
    private static final double TOL = 1e-6;
    private static final QueryEvaluator EVALUATOR = new QueryEvaluator(SolverOptions.builder().epsilon(1e-9).build(),
            false, IterationOrder.GLOBAL, new ValueIterationSolver());

    /** {@code shared/data/external} in the nearest ancestor of the working directory that has it. */
    static Path externalData() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path d = p.resolve("shared/data/external");
            if (Files.isDirectory(d)) {
                return d;
            }
        }
        return Paths.get("../../shared/data/external");
    }

    private static Path dir(String name) {
        Path d = ROOT.resolve(name);
        assumeTrue(Files.isDirectory(d), "external data not present: " + d.toAbsolutePath());
        return d;
    }

    private static double valueAtInit(StateContext ctx, String property) {
        Property p = PropertyParser.parse(property).withDefaultDirection(Objective.MINIMIZE);
        QueryResult r = EVALUATOR.evaluate(ctx.model(), Query.of(p, ctx));
        return r.solution().value(ctx.model().mdp().initialState());
    }

    /**
     * Evaluates every property of a PRISM test file that is preceded by {@code // RESULT: v}
     * and compares it with v; properties outside the supported subset must be rejected as not
     * supported. Returns the number of properties checked.
     */
    private static int checkResults(Path props, StateContext ctx, int minChecked) throws IOException {
        List<String> lines = Files.readAllLines(props);
        String expected = null;
        int checked = 0;
        int rejected = 0;
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("// RESULT:")) {
                expected = t.substring("// RESULT:".length()).strip();
                continue;
            }
            if (t.isEmpty() || t.startsWith("//") || expected == null) {
                continue;
            }
            Property p;
            try {
                p = PropertyParser.parse(t);
            } catch (PropertySyntaxException e) {
                assertTrue(e.getMessage().contains("not supported"), e.getMessage());
                rejected++;
                expected = null;
                continue;
            }
            double want = parseResult(expected);
            double got = EVALUATOR.evaluate(ctx.model(), Query.of(p.withDefaultDirection(Objective.MINIMIZE), ctx))
                    .solution().value(ctx.model().mdp().initialState());
            if (Double.isInfinite(want)) {
                assertEquals(want, got, t);
            } else {
                assertEquals(want, got, TOL, t);
            }
            checked++;
            expected = null;
        }
        assertTrue(checked >= minChecked, props + ": only " + checked + " checked, " + rejected + " rejected");
        return checked;
    }

    private static double parseResult(String s) {
        if (s.equals("Infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        int slash = s.indexOf('/');
        return slash < 0 ? Double.parseDouble(s)
                : Double.parseDouble(s.substring(0, slash)) / Double.parseDouble(s.substring(slash + 1));
    }

    @Test
    void robotPropertiesFile() throws IOException {
        Path d = dir("prism_robot");
        LoadedModel m = PrismExplicitReader.read(d.resolve("robot.tra"));
        StateContext ctx = new StateContext(m, java.util.Map.of(), StateValuations.read(d.resolve("robot.sta"), 6));
        assertEquals(6, checkResults(d.resolve("robot.prism.props"), ctx, 6));
        // The named structures: R{"time"} = the default (first); by index as PRISM numbers them
        assertEquals(19.0 / 15, valueAtInit(ctx, "R{\"time\"}min=? [ F \"goal2\" ]"), TOL);
        assertEquals(19.0 / 15, valueAtInit(ctx, "R{1}min=? [ F \"goal2\" ]"), TOL);
        // R[C] with the "move" structure (transition reward 1 per move, 0 on the 'stuck' self-loops):
        // from 0, south costs 1 and leads to 1 (0.1: one more move to 2), 3 (0.8: stuck) or 4 (0.1: west reaches 3
        // with 0.6 per move, 1/0.6 moves): 1 + 0.1 + 0.1 / 0.6 = 19/15 = 1.2667
        assertEquals(1 + 0.1 + 0.1 / 0.6, valueAtInit(ctx, "R{\"move\"}min=? [ C ]"), TOL);
        // the state variable s is the state index in robot.sta; goal2 = states 2 and 3 (robot.lab)
        assertEquals(19.0 / 15, valueAtInit(ctx, "Rmin=? [ F s=2|s=3 ]"), TOL);
        // R[C] of "time" (state reward 1 also on the absorbing self-loops) is infinite, with the reason
        Property p = PropertyParser.parse("Rmin=? [ C ]").withDefaultDirection(Objective.MINIMIZE);
        QueryResult r = EVALUATOR.evaluate(m, Query.of(p, ctx));
        assertEquals(Double.POSITIVE_INFINITY, r.solution().value(0));
        assertNotNull(r.infinityReason());
        assertTrue(r.infinityReason().contains("end component {2}") && r.infinityReason().contains("'stuck'"),
                r.infinityReason());
    }

    @Test
    void mdpSimplePropertyFilesWithStateVariables() throws IOException {
        Path d = dir("prism_mdp_simple");
        LoadedModel m = PrismExplicitReader.read(d.resolve("mdp_simple.tra"));
        StateContext ctx = new StateContext(m, java.util.Map.of(), StateValuations.read(d.resolve("mdp_simple.sta"),
                m.mdp().numStates()));
        checkResults(d.resolve("verify_mdp_simple.nm.props"), ctx, 2);
        // bounded F, U, G (<=, <, [0,k]) and unbounded until from PRISM's bounded-reachability test file
        checkResults(d.resolve("verify_boundedreach_mdp_simple.nm.props"), ctx, 40);
    }

    @Test
    void leader4StormValues() throws IOException {
        Path d = dir("storm_leader4");
        Path tra = d.resolve("leader4.tra");
        LoadedModel m = PrismExplicitReader.read(tra, List.of(d.resolve("leader4.lab")),
                List.of(new RewardFiles(null, null, d.resolve("leader4.trans.rew"))));
        StateContext ctx = StateContext.of(m);
        assertEquals(1.0, valueAtInit(ctx, "Pmin=? [ F \"elected\" ]"), TOL);
        assertEquals(1.0 / 16, valueAtInit(ctx, "Pmin=? [ F<=25 \"elected\" ]"), TOL);
        assertEquals(1.0 / 16, valueAtInit(ctx, "Pmax=? [ F<=25 \"elected\" ]"), TOL);
        assertEquals(30.0 / 7, valueAtInit(ctx, "Rmin=? [ F \"elected\" ]"), TOL);
        assertEquals(30.0 / 7, valueAtInit(ctx, "Rmax=? [ F \"elected\" ]"), TOL);
        // no reward after the election (the elected states are absorbing): R[C] = R[F "elected"] = 30/7
        assertEquals(30.0 / 7, valueAtInit(ctx, "Rmin=? [ C ]"), TOL);
        assertEquals(30.0 / 7, valueAtInit(ctx, "Rmax=? [ C ]"), TOL);
        // the total reward over k steps rises to R[C] as k grows
        double c200 = valueAtInit(ctx, "Rmin=? [ C<=200 ]");
        assertTrue(c200 <= 30.0 / 7 + TOL && c200 > 30.0 / 7 - 0.5, "C<=200: " + c200);
        // without the reward file a reward property is an error, never 0
        LoadedModel noRewards = PrismExplicitReader.read(tra, List.of(d.resolve("leader4.lab")), List.of());
        MissingRewardsException e = assertThrows(MissingRewardsException.class,
                () -> valueAtInit(StateContext.of(noRewards), "Rmin=? [ F \"elected\" ]"));
        assertTrue(e.getMessage().contains("needs a reward structure"), e.getMessage());
    }

    @Test
    void twoDiceStormValues() throws IOException {
        Path d = dir("storm_two_dice");
        LoadedModel m = PrismExplicitReader.read(d.resolve("two_dice.tra"), List.of(d.resolve("two_dice.lab")),
                List.of(new RewardFiles("trans", null, d.resolve("two_dice.flip.trans.rew")),
                        new RewardFiles("state", d.resolve("two_dice.flip.state.rew"), null),
                        new RewardFiles("both", d.resolve("two_dice.flip.state.rew"), d.resolve("two_dice.flip.trans.rew"))));
        StateContext ctx = StateContext.of(m);
        assertEquals(1.0 / 36, valueAtInit(ctx, "Pmin=? [ F \"two\" ]"), TOL);
        assertEquals(2.0 / 36, valueAtInit(ctx, "Pmax=? [ F \"three\" ]"), TOL);
        assertEquals(3.0 / 36, valueAtInit(ctx, "Pmin=? [ F \"four\" ]"), TOL);
        assertEquals(22.0 / 3, valueAtInit(ctx, "R{\"trans\"}min=? [ F \"done\" ]"), TOL);
        assertEquals(22.0 / 3, valueAtInit(ctx, "R{\"state\"}max=? [ F \"done\" ]"), TOL);
        assertEquals(44.0 / 3, valueAtInit(ctx, "R{3}min=? [ F \"done\" ]"), TOL);
        // Discounted total (Storm's C discount=g) by value iteration: within its bound of the undiscounted 22/3
        QueryResult r = EVALUATOR.evaluate(m, Query.of(PropertyParser.parse("R{\"trans\"}max=? [ C discount=999999/1000000 ]")
                .withDefaultDirection(Objective.MINIMIZE), ctx));
        Solution s = r.solution();
        assertTrue(Math.abs(s.value(0) - 22.0 / 3) < 1e-3, "discounted " + s.value(0));
        assertEquals(Accuracy.CERTIFIED, s.accuracy());
    }
}
