package org.sparsemdp.solve.undiscounted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsemdp.io.LabelExpression;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.drn.DrnReader;
import org.sparsemdp.io.prism.PrismExplicitReader.RewardFiles;
import org.sparsemdp.io.prism.PrismExplicitReader;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;

/**
 * Reproduces, within 1e-6, the values that the upstream test suites of Storm and PRISM assert for
 * the published explicit models in {@code ../shared/data/external} (relative to the repository
 * root; see each folder's SOURCES.txt). Skipped when that folder is absent.
 */
class ExternalModelsValidationTest {
    private static final Path ROOT = Paths.get("../../shared/data/external");
    private static final double TOL = 1e-6;
    private static final SolverOptions OPTIONS = SolverOptions.builder().epsilon(1e-9).build();

    private static Path dir(String name) {
        Path d = ROOT.resolve(name);
        assumeTrue(Files.isDirectory(d), "external data not present: " + d.toAbsolutePath());
        return d;
    }

    /** The value at the initial state by topological interval iteration, checked against global sweeps. */
    private static double prob(LoadedModel m, String target, Objective dir) {
        BitSet t = LabelExpression.parse(target).evaluate(m);
        double global = atInit(m, Reachability.probability(m.mdp(), t, dir, OPTIONS, false));
        double topological = atInit(m, Reachability.probability(m.mdp(), t, dir, OPTIONS, false,
                IterationOrder.TOPOLOGICAL));
        assertEquals(global, topological, TOL);
        for (IterationOrder o : new IterationOrder[] {IterationOrder.OPTIMISTIC, IterationOrder.SOUND, IterationOrder.POLICY}) {
            overlap(Reachability.probability(m.mdp(), t, dir, OPTIONS, false),
                    Reachability.probability(m.mdp(), t, dir, OPTIONS, false, o));
        }
        return topological;
    }

    /**
     * Interval iteration's and optimistic or sound value iteration's (or SSP policy iteration's) certified intervals must
     * intersect in every state (both contain the true value), and the latter must meet the requested ε.
     */
    private static void overlap(Solution ii, Solution ovi) {
        assertEquals(Status.CONVERGED, ovi.status());
        assertEquals(Accuracy.CERTIFIED, ovi.accuracy());
        assertTrue(ovi.method().matches("(ovi|svi|ssp-pi)-.*"), ovi.method());
        for (int s = 0; s < ii.values().length; s++) {
            assertTrue(ovi.lower()[s] <= ii.upper()[s] && ii.lower()[s] <= ovi.upper()[s], "state " + s + ": ii ["
                    + ii.lower()[s] + ", " + ii.upper()[s] + "], ovi [" + ovi.lower()[s] + ", " + ovi.upper()[s] + "]");
            assertTrue(ovi.upper()[s] - ovi.lower()[s] <= OPTIONS.epsilon()
                    || ovi.upper()[s] == Double.POSITIVE_INFINITY && ovi.lower()[s] == Double.POSITIVE_INFINITY);
        }
    }

    /** As {@link #prob}, for the reward until the target. */
    private static double reward(LoadedModel m, String structure, String target, Objective dir) {
        BitSet t = LabelExpression.parse(target).evaluate(m);
        double global = atInit(m, Reachability.reward(m.mdp(), m.rewards(structure), t, dir, OPTIONS, false));
        double topological = atInit(m, Reachability.reward(m.mdp(), m.rewards(structure), t, dir, OPTIONS, false,
                IterationOrder.TOPOLOGICAL));
        assertEquals(global, topological, TOL);
        for (IterationOrder o : new IterationOrder[] {IterationOrder.OPTIMISTIC, IterationOrder.SOUND, IterationOrder.POLICY}) {
            overlap(Reachability.reward(m.mdp(), m.rewards(structure), t, dir, OPTIONS, false),
                    Reachability.reward(m.mdp(), m.rewards(structure), t, dir, OPTIONS, false, o));
        }
        return topological;
    }

    private static double atInit(LoadedModel m, Solution s) {
        assertEquals(Status.CONVERGED, s.status());
        assertEquals(Accuracy.CERTIFIED, s.accuracy());
        int init = m.label("init").nextSetBit(0);
        assertEquals(0, init);
        assertTrue(s.lower()[init] <= s.values()[init] && s.values()[init] <= s.upper()[init]);
        return s.values()[init];
    }

    @Test
    void twoDiceTraMatchesStorm() throws IOException {
        Path d = dir("storm_two_dice");
        LoadedModel m = PrismExplicitReader.read(d.resolve("two_dice.tra"), List.of(d.resolve("two_dice.lab")), List.of(
                new RewardFiles("trans", null, d.resolve("two_dice.flip.trans.rew")),
                new RewardFiles("state", d.resolve("two_dice.flip.state.rew"), null),
                new RewardFiles("both", d.resolve("two_dice.flip.state.rew"), d.resolve("two_dice.flip.trans.rew"))));
        assertEquals(169, m.mdp().numStates());
        assertEquals(436, m.mdp().numTransitions());
        checkDice(m);
        for (Objective o : Objective.values()) {
            assertEquals(22.0 / 3, reward(m, "trans", "done", o), TOL);
            assertEquals(22.0 / 3, reward(m, "state", "done", o), TOL);
            assertEquals(44.0 / 3, reward(m, "both", "done", o), TOL);
        }
    }

    @Test
    void twoDiceDrnMatchesStorm() throws IOException {
        LoadedModel m = DrnReader.read(dir("storm_two_dice").resolve("two_dice.drn"));
        assertEquals(169, m.mdp().numStates());
        checkDice(m);
        for (Objective o : Objective.values()) {
            assertEquals(22.0 / 3, reward(m, "coinflips", "done", o), TOL);
        }
    }

    private static void checkDice(LoadedModel m) {
        for (Objective o : Objective.values()) {
            assertEquals(1.0 / 36, prob(m, "two", o), TOL);
            assertEquals(2.0 / 36, prob(m, "three", o), TOL);
            assertEquals(3.0 / 36, prob(m, "four", o), TOL);
        }
    }

    @Test
    void leader4MatchesStorm() throws IOException {
        Path d = dir("storm_leader4");
        LoadedModel m = PrismExplicitReader.read(d.resolve("leader4.tra"), List.of(d.resolve("leader4.lab")),
                List.of(new RewardFiles(null, null, d.resolve("leader4.trans.rew"))));
        assertEquals(3172, m.mdp().numStates());
        for (Objective o : Objective.values()) {
            assertEquals(1.0, prob(m, "elected", o), TOL);
            assertEquals(30.0 / 7, reward(m, "1", "elected", o), TOL);
        }
    }

    @Test
    void robotMatchesPrism() throws IOException {
        LoadedModel m = PrismExplicitReader.read(dir("prism_robot").resolve("robot.tra"));
        assertEquals(List.of("time", "energy", "move"), m.rewardStructureNames());
        assertEquals(Double.POSITIVE_INFINITY, reward(m, "time", "goal1", Objective.MINIMIZE));
        assertEquals(Double.POSITIVE_INFINITY, reward(m, "time", "goal1", Objective.MAXIMIZE));
        assertEquals(19.0 / 15, reward(m, "time", "goal2", Objective.MINIMIZE), TOL);
        assertEquals(Double.POSITIVE_INFINITY, reward(m, "time", "goal2", Objective.MAXIMIZE));
        assertEquals(1.2, reward(m, "time", "\"goal1\"|\"goal2\"", Objective.MINIMIZE), TOL);
        assertEquals(3.5, reward(m, "time", "(goal1 | goal2)", Objective.MAXIMIZE), TOL);
    }

    @Test
    void mdpSimpleMatchesPrism() throws IOException {
        LoadedModel m = PrismExplicitReader.read(dir("prism_mdp_simple").resolve("mdp_simple.tra"));
        assertEquals(10, m.mdp().numStates());
        assertEquals(15, m.mdp().numChoices());
        int n = m.mdp().numStates();
        BitSet t1 = new BitSet(n); // t=1, read off mdp_simple.sta
        t1.set(1);
        t1.set(4);
        BitSet tPositive = (BitSet) t1.clone(); // t>0
        tPositive.set(2);
        tPositive.set(5);
        assertEquals(1.0, Reachability.probability(m.mdp(), t1, Objective.MAXIMIZE, OPTIONS, false).value(0), TOL);
        assertEquals(0.1, Reachability.probability(m.mdp(), t1, Objective.MINIMIZE, OPTIONS, false).value(0), TOL);
        assertEquals(3.0, Reachability.reward(m.mdp(), m.rewards("1"), tPositive, Objective.MAXIMIZE, OPTIONS, false)
                .value(0), TOL);
    }
}
