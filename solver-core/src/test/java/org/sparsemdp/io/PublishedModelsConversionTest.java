package org.sparsemdp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.io.prism.PrismExplicitReader;
import org.sparsemdp.io.prism.PrismExplicitReader.RewardFiles;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.undiscounted.Reachability;

/**
 * The published PRISM and Storm models of {@code shared/data/external} (see each folder's
 * SOURCES.txt for the values and where they come from), converted to every format that can hold
 * them and read back, still give the published values within 1e-6. A format with one reward
 * structure gets the structure of the property (state rewards folded into the choices); one without
 * labels is checked with the original labels (conversion keeps the state numbering). Skipped when
 * the data folder is absent.
 */
class PublishedModelsConversionTest {
    private static final double TOL = 1e-6;
    private static final SolverOptions OPTIONS = SolverOptions.builder().epsilon(1e-9).build();
    private static final List<ModelFormat> TARGETS = List.of(ModelFormats.PRISM, ModelFormats.DRN, ModelFormats.UMB,
            ModelFormats.MDP);

    private static Path dir(String name) {
        for (String root : new String[] {"../../shared/data/external", "../../../shared/data/external"}) {
            Path d = Path.of(root, name);
            if (Files.isDirectory(d)) {
                return d;
            }
        }
        assumeTrue(false, "external data not present: " + name);
        return null;
    }

    /** {@code m} written in {@code f} (keeping {@code structure} only where f holds one) and read back. */
    private static LoadedModel convert(LoadedModel m, ModelFormat f, String structure, Path dir) throws IOException {
        LoadedModel w = m;
        if (!f.holdsSeveralRewardStructures()) {
            w = FormatLosses.foldStateRewards(m.withRewardStructures(List.of(m.rewardStructure(structure))));
        }
        Path file = dir.resolve(f.name() + "-" + structure + f.suffixes().get(0));
        ModelFormats.write(w, file, f, FormatLosses.of(w, f).keySet());
        return ModelFormats.read(file);
    }

    private static double[] rewards(LoadedModel m, ModelFormat f, String structure) {
        return f.holdsSeveralRewardStructures() ? m.rewards(structure) : m.mdp().rewardArray();
    }

    private static double prob(LoadedModel m, BitSet target, Objective o) {
        Mdp mdp = m.mdp().withDiscount(1.0);
        return Reachability.probability(mdp, target, o, OPTIONS, false).values()[mdp.initialState()];
    }

    private static double reward(LoadedModel m, double[] r, BitSet target, Objective o) {
        Mdp mdp = m.mdp().withDiscount(1.0);
        return Reachability.reward(mdp, r, target, o, OPTIONS, false).values()[mdp.initialState()];
    }

    @Test
    void robotKeepsPrismsValues(@TempDir Path tmp) throws IOException {
        LoadedModel m = PrismExplicitReader.read(dir("prism_robot").resolve("robot.tra"));
        Map<String, BitSet> labels = m.labels();
        BitSet goal2 = labels.get("goal2");
        BitSet either = (BitSet) labels.get("goal1").clone();
        either.or(goal2);
        for (ModelFormat f : TARGETS) {
            LoadedModel back = convert(m, f, "time", tmp);
            double[] time = rewards(back, f, "time");
            assertEquals(19.0 / 15, reward(back, time, goal2, Objective.MINIMIZE), TOL, f.name());
            assertEquals(Double.POSITIVE_INFINITY, reward(back, time, goal2, Objective.MAXIMIZE), f.name());
            assertEquals(1.2, reward(back, time, either, Objective.MINIMIZE), TOL, f.name());
            assertEquals(3.5, reward(back, time, either, Objective.MAXIMIZE), TOL, f.name());
            if (f.holdsSeveralRewardStructures()) {
                assertEquals(List.of("time", "energy", "move"), back.rewardStructureNames(), f.name());
                for (String s : List.of("energy", "move")) {
                    assertEquals(reward(m, m.rewards(s), either, Objective.MINIMIZE),
                            reward(back, back.rewards(s), either, Objective.MINIMIZE), 1e-12, f.name() + " " + s);
                }
            }
        }
    }

    @Test
    void mdpSimpleKeepsPrismsValues(@TempDir Path tmp) throws IOException {
        LoadedModel m = PrismExplicitReader.read(dir("prism_mdp_simple").resolve("mdp_simple.tra"));
        BitSet t1 = new BitSet(); // t=1 and t>0, read off mdp_simple.sta (see SOURCES.txt)
        t1.set(1);
        t1.set(4);
        BitSet tPositive = (BitSet) t1.clone();
        tPositive.set(2);
        tPositive.set(5);
        for (ModelFormat f : TARGETS) {
            LoadedModel back = convert(m, f, "1", tmp);
            assertEquals(1.0, prob(back, t1, Objective.MAXIMIZE), TOL, f.name());
            assertEquals(0.1, prob(back, t1, Objective.MINIMIZE), TOL, f.name());
            assertEquals(3.0, reward(back, rewards(back, f, "1"), tPositive, Objective.MAXIMIZE), TOL, f.name());
        }
    }

    @Test
    void twoDiceKeepsStormsValues(@TempDir Path tmp) throws IOException {
        Path d = dir("storm_two_dice");
        LoadedModel drn = ModelFormats.read(d.resolve("two_dice.drn"));
        LoadedModel tra = PrismExplicitReader.read(d.resolve("two_dice.tra"), List.of(d.resolve("two_dice.lab")),
                List.of(new RewardFiles("both", d.resolve("two_dice.flip.state.rew"), d.resolve("two_dice.flip.trans.rew"))));
        Map<String, BitSet> labels = drn.labels();
        Map<String, BitSet> traLabels = tra.labels(); // the .tra numbers the states differently
        for (ModelFormat f : TARGETS) {
            LoadedModel a = convert(drn, f, "coinflips", tmp);
            LoadedModel b = convert(tra, f, "both", tmp);
            for (Objective o : Objective.values()) {
                assertEquals(1.0 / 36, prob(a, labels.get("two"), o), TOL, f.name());
                assertEquals(2.0 / 36, prob(a, labels.get("three"), o), TOL, f.name());
                assertEquals(3.0 / 36, prob(b, traLabels.get("four"), o), TOL, f.name());
                assertEquals(22.0 / 3, reward(a, rewards(a, f, "coinflips"), labels.get("done"), o), TOL, f.name());
                assertEquals(44.0 / 3, reward(b, rewards(b, f, "both"), traLabels.get("done"), o), TOL, f.name());
            }
        }
    }

    @Test
    void leader4KeepsStormsValues(@TempDir Path tmp) throws IOException {
        Path d = dir("storm_leader4");
        LoadedModel m = PrismExplicitReader.read(d.resolve("leader4.tra"), List.of(d.resolve("leader4.lab")),
                List.of(new RewardFiles(null, null, d.resolve("leader4.trans.rew"))));
        BitSet elected = m.label("elected");
        for (ModelFormat f : TARGETS) {
            LoadedModel back = convert(m, f, "1", tmp);
            for (Objective o : Objective.values()) {
                assertEquals(1.0, prob(back, elected, o), TOL, f.name());
                assertEquals(30.0 / 7, reward(back, rewards(back, f, "1"), elected, o), TOL, f.name());
            }
        }
    }
}
