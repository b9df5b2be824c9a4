package org.sparsemdp.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.undiscounted.CumulativeReward;
import org.sparsemdp.solve.undiscounted.IterationOrder;
import org.sparsemdp.solve.undiscounted.Reachability;

/**
 * Round trips between every pair of formats on random models with several labels and named reward
 * structures (state and choice parts): what the target format holds — stated in this test, not
 * taken from {@link FormatLosses} — comes back equal (transitions, action labels, initial states,
 * labels, reward parts), and the values of reachability, reward-until and cumulative-reward
 * objectives, solved before and after, agree. What a format cannot hold must be an error until it
 * is dropped or folded explicitly.
 */
class FormatRoundTripTest {
    private static final SolverOptions OPTIONS = SolverOptions.builder().epsilon(1e-10).build();
    private static final String[] ACTIONS = {"north", "south", "east"};

    /**
     * A random model, objective max, discount 0.9, labels {@code goal}, {@code risk},
     * {@code even}; reward structures {@code time} (state and
     * choice parts) and {@code energy} (choice part). With {@code cassandraShaped}, every state has
     * actions north, south and no state is terminal (what Cassandra's format needs); otherwise 1 to
     * 3 choices per state, about one state in six terminal, two initial states.
     */
    static LoadedModel randomModel(long seed, boolean cassandraShaped) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 8 + rnd.nextInt(10);
        MdpBuilder b = new MdpBuilder(n).objective(Objective.MAXIMIZE).discount(0.9);
        for (int s = 0; s < n; s++) {
            int k = cassandraShaped ? 2 : s > 0 && rnd.nextInt(6) == 0 ? 0 : 1 + rnd.nextInt(3);
            for (int a = 0; a < k; a++) {
                b.startChoice(s, ACTIONS[a], 0.0);
                int m = 1 + rnd.nextInt(3);
                int[] succ = rnd.ints(0, n).distinct().limit(m).sorted().toArray();
                double[] p = new double[succ.length];
                double total = 0;
                for (int i = 0; i < p.length; i++) {
                    p[i] = 0.1 + rnd.nextDouble();
                    total += p[i];
                }
                double rest = 1.0;
                for (int i = 1; i < p.length; i++) {
                    p[i] /= total;
                    rest -= p[i];
                }
                p[0] = rest;
                for (int i = 0; i < p.length; i++) {
                    b.addTransition(succ[i], p[i]);
                }
                b.finishChoice();
            }
        }
        if (!cassandraShaped) {
            b.initialStates(0, 1);
        }
        Mdp mdp = b.build();
        Map<String, BitSet> labels = new LinkedHashMap<>();
        BitSet goal = new BitSet();
        BitSet risk = new BitSet();
        BitSet even = new BitSet();
        for (int s = 0; s < n; s++) {
            goal.set(s, rnd.nextInt(4) == 0);
            risk.set(s, rnd.nextInt(3) == 0);
            even.set(s, s % 2 == 0);
        }
        goal.set(n - 1);
        labels.put("goal", goal);
        labels.put("risk", risk);
        labels.put("even", even);
        double[] timeState = new double[n];
        for (int s = 0; s < n; s++) {
            timeState[s] = 1 + rnd.nextInt(3);
        }
        double[] timeChoice = new double[mdp.numChoices()];
        double[] energy = new double[mdp.numChoices()];
        for (int c = 0; c < energy.length; c++) {
            timeChoice[c] = rnd.nextInt(2) * 0.5;
            energy[c] = rnd.nextDouble() * 3;
        }
        return LoadedModel.assemble(mdp, labels, List.of(new RewardStructure("time", timeState, timeChoice),
                RewardStructure.ofChoices("energy", energy)));
    }

    // What each format holds, as the README and the formats' documentation state it.
    private static boolean holdsLabels(ModelFormat f) {
        return Set.of("prism", "drn", "umb").contains(f.name());
    }

    private static boolean holdsSeveralStructuresAndStateParts(ModelFormat f) {
        return Set.of("prism", "drn", "umb").contains(f.name());
    }

    private static boolean holdsDiscountAndObjective(ModelFormat f) {
        return Set.of("mdp", "umb", "cassandra").contains(f.name());
    }

    private static boolean holdsSeveralInitialStates(ModelFormat f) {
        return !f.name().equals("mdp");
    }

    /** The file name for {@code f}. */
    private static String fileName(ModelFormat f, String stem) {
        return stem + f.suffixes().get(0) + (stem.hashCode() % 2 == 0 ? ".gz" : "");
    }

    /**
     * Writes {@code m} in {@code f}, keeping what a user would keep with {@code convert}: for a
     * format with one reward structure the first one (its state part folded), and dropping what
     * {@code f} does not hold. Returns the model read back.
     */
    private static LoadedModel roundTrip(LoadedModel m, ModelFormat f, Path dir, String stem) throws IOException {
        Set<ModelFeature> drop = EnumSet.noneOf(ModelFeature.class);
        LoadedModel w = m;
        if (!holdsSeveralStructuresAndStateParts(f)) {
            List<RewardStructure> rs = m.rewardStructuresOrOwnRewards();
            w = m.withRewardStructures(rs.isEmpty() ? List.of() : List.of(rs.get(0)));
            if (rs.size() > 1 || rs.stream().anyMatch(RewardStructure::hasNonZeroStateRewards)) {
                FormatLossException e = assertThrows(FormatLossException.class,
                        () -> ModelFormats.write(m, dir.resolve("refused"), f, Set.of()));
                assertTrue(e.features().contains(ModelFeature.REWARDS) || e.features().contains(ModelFeature.STATE_REWARDS),
                        "several structures or state rewards must be refused by " + f + ": " + e.getMessage());
            }
            w = FormatLosses.foldStateRewards(w);
        }
        boolean emptyLabel = m.labelsBeyondModel().values().stream().anyMatch(BitSet::isEmpty);
        if ((!holdsLabels(f) && !m.labelsBeyondModel().isEmpty()) || (f == ModelFormats.DRN && emptyLabel)) {
            drop.add(ModelFeature.LABELS); // DRN names labels on state lines only: no empty label
        }
        if (!holdsDiscountAndObjective(f) && m.mdp().discount() != 1.0) {
            drop.add(ModelFeature.DISCOUNT);
        }
        if (!holdsDiscountAndObjective(f) && m.mdp().objective() != Objective.MINIMIZE) {
            drop.add(ModelFeature.OBJECTIVE);
        }
        if (!holdsSeveralInitialStates(f) && m.mdp().initialStates().length > 1) {
            drop.add(ModelFeature.INITIAL_STATES);
        }
        Path file = dir.resolve(fileName(f, stem));
        if (!drop.isEmpty()) {
            LoadedModel x = w;
            FormatLossException e = assertThrows(FormatLossException.class,
                    () -> ModelFormats.write(x, file, f, Set.of()));
            assertEquals(drop, e.features(), e.getMessage());
            assertFalse(Files.exists(file), "a refused write leaves no file");
        }
        ModelFormats.write(w, file, f, drop);
        return ModelFormats.read(file, "auto");
    }

    /** Checks that {@code after} (read from {@code f}) has everything of {@code before} that {@code f} holds. */
    private static void check(LoadedModel before, LoadedModel after, ModelFormat f, Map<String, BitSet> targets) {
        Mdp a = before.mdp();
        Mdp b = after.mdp();
        String what = "format " + f.name();
        assertEquals(a.numStates(), b.numStates(), what);
        assertArrayEquals(a.choiceStartArray(), b.choiceStartArray(), what);
        assertArrayEquals(a.transitionStartArray(), b.transitionStartArray(), what);
        assertArrayEquals(a.successorArray(), b.successorArray(), what);
        assertArrayEquals(a.probabilityArray(), b.probabilityArray(), 1e-15, what);
        for (int c = 0; c < a.numChoices(); c++) {
            assertEquals(a.actionLabel(c), b.actionLabel(c), what);
        }
        if (holdsDiscountAndObjective(f)) {
            assertEquals(a.discount(), b.discount(), what);
            assertEquals(a.objective(), b.objective(), what);
        } else {
            assertEquals(1.0, b.discount(), what);
            assertEquals(Objective.MINIMIZE, b.objective(), what);
        }
        int[] initial = holdsSeveralInitialStates(f) ? a.initialStates() : new int[] {a.initialState()};
        assertArrayEquals(initial, b.initialStates(), what);
        if (holdsLabels(f)) {
            Map<String, BitSet> expected = new LinkedHashMap<>(before.labelsBeyondModel());
            if (f == ModelFormats.DRN) {
                expected.values().removeIf(BitSet::isEmpty);
            }
            assertEquals(expected, after.labelsBeyondModel(), what);
        } else {
            assertEquals(Map.of(), after.labelsBeyondModel(), what);
        }
        List<RewardStructure> ra = before.rewardStructuresOrOwnRewards();
        List<RewardStructure> rb = after.rewardStructuresOrOwnRewards();
        if (holdsSeveralStructuresAndStateParts(f)) {
            assertEquals(names(ra), names(rb), what);
            for (int i = 0; i < ra.size(); i++) {
                assertArrayEquals(stateRewards(ra.get(i), a), stateRewards(rb.get(i), b), what);
                assertArrayEquals(expectedPerChoice(ra.get(i), a), rb.get(i).perChoice(b), 1e-12, what);
            }
        } else {
            assertEquals(Math.min(1, ra.size()), rb.size(), what);
        }
        // values before and after, on the original model's labels (the states keep their numbers)
        Mdp ua = a.withDiscount(1.0);
        Mdp ub = b.withDiscount(1.0);
        for (Map.Entry<String, BitSet> label : targets.entrySet()) {
            for (Objective o : Objective.values()) {
                assertArrayEquals(Reachability.probability(ua, label.getValue(), o, OPTIONS, false).values(),
                        Reachability.probability(ub, label.getValue(), o, OPTIONS, false).values(), 1e-9,
                        what + " P" + o + " reach " + label.getKey());
            }
        }
        for (int i = 0; i < rb.size(); i++) {
            double[] r = expectedPerChoice(ra.get(i), a);
            double[] s = rb.get(i).perChoice(b);
            BitSet goal = targets.get("goal");
            for (Objective o : Objective.values()) {
                assertClose(Reachability.reward(ua, r, goal, o, OPTIONS, false).values(),
                        Reachability.reward(ub, s, goal, o, OPTIONS, false).values(), what + " R" + o + " until goal");
            }
            assertClose(CumulativeReward.solve(ua, r, Objective.MINIMIZE, OPTIONS, false, IterationOrder.GLOBAL).values(),
                    CumulativeReward.solve(ub, s, Objective.MINIMIZE, OPTIONS, false, IterationOrder.GLOBAL).values(),
                    what + " Rmin cumulative");
        }
    }

    /** Equal within 1e-9 relative, infinities equal. */
    private static void assertClose(double[] x, double[] y, String what) {
        assertEquals(x.length, y.length, what);
        for (int i = 0; i < x.length; i++) {
            if (Double.isInfinite(x[i]) || Double.isInfinite(y[i])) {
                assertEquals(x[i], y[i], what + " state " + i);
            } else {
                assertEquals(x[i], y[i], 1e-9 * Math.max(1, Math.abs(x[i])), what + " state " + i);
            }
        }
    }

    /** state(s) + choice(c), computed here from the parts. */
    private static double[] expectedPerChoice(RewardStructure r, Mdp mdp) {
        double[] out = new double[mdp.numChoices()];
        for (int s = 0; s < mdp.numStates(); s++) {
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                out[c] = (r.hasStateRewards() ? r.stateRewardArray()[s] : 0)
                        + (r.hasChoiceRewards() ? r.choiceRewardArray()[c] : 0);
            }
        }
        return out;
    }

    /** The state part, zeros where absent (formats may leave out an all-zero part). */
    private static double[] stateRewards(RewardStructure r, Mdp mdp) {
        return r.hasStateRewards() ? r.stateRewards() : new double[mdp.numStates()];
    }

    private static List<String> names(List<RewardStructure> rs) {
        List<String> out = new ArrayList<>();
        for (RewardStructure r : rs) {
            out.add(r.name());
        }
        return out;
    }

    @Test
    void everyPairOfFormatsKeepsWhatTheTargetHolds(@TempDir Path dir) throws IOException {
        int pairs = 0;
        for (boolean cassandraShaped : new boolean[] {true, false}) {
            for (ModelFormat from : ModelFormats.all()) {
                for (ModelFormat to : ModelFormats.all()) {
                    if (!cassandraShaped && (from == ModelFormats.CASSANDRA || to == ModelFormats.CASSANDRA)) {
                        continue; // terminal states and differing actions: not expressible in Cassandra's format
                    }
                    LoadedModel original = randomModel(31L * pairs + 7, cassandraShaped);
                    Path d = Files.createDirectory(dir.resolve("pair" + pairs));
                    Map<String, BitSet> targets = original.labelsBeyondModel();
                    LoadedModel inFrom = roundTrip(original, from, d, "a");
                    check(original, inFrom, from, targets);
                    LoadedModel inTo = roundTrip(inFrom, to, d, "b");
                    check(inFrom, inTo, to, targets);
                    pairs++;
                }
            }
        }
        assertEquals(25 + 16, pairs);
    }

    @Test
    void prismFilesFollowPrismsNumberingAndHeaders(@TempDir Path dir) throws IOException {
        LoadedModel m = FormatLosses.drop(randomModel(5, false), EnumSet.of(ModelFeature.DISCOUNT, ModelFeature.OBJECTIVE));
        Path tra = dir.resolve("model.tra");
        ModelFormats.write(m, tra, ModelFormats.PRISM, Set.of());
        assertTrue(Files.readString(dir.resolve("model1.srew")).startsWith("# Reward structure \"time\"\n# State rewards\n"
                + m.mdp().numStates() + " "));
        assertTrue(Files.readString(dir.resolve("model1.trew")).startsWith("# Reward structure \"time\"\n"
                + "# Transition rewards\n" + m.mdp().numStates() + " " + m.mdp().numChoices() + " "));
        assertTrue(Files.exists(dir.resolve("model2.trew")));
        assertFalse(Files.exists(dir.resolve("model2.srew")), "energy has no state part");
        assertTrue(Files.readString(dir.resolve("model.lab")).startsWith("# Labels\n0=\"init\" 1=\"deadlock\" 2=\"goal\""));
        assertTrue(Files.readString(tra).startsWith("# Transitions (MDP)\n"));
        // a single structure is model.srew/model.trew, as PRISM exports it; a stale model2.trew is refused
        LoadedModel one = m.withRewardStructures(List.of(m.rewardStructure("time")));
        IOException e = assertThrows(IOException.class, () -> ModelFormats.write(one, tra, ModelFormats.PRISM, Set.of()));
        assertTrue(e.getMessage().contains("model1.srew"), e.getMessage());
        Path other = dir.resolve("single.tra");
        ModelFormats.write(one, other, ModelFormats.PRISM, Set.of());
        assertTrue(Files.exists(dir.resolve("single.srew")) && Files.exists(dir.resolve("single.trew")));
        assertEquals(List.of("time"), ModelFormats.read(other).rewardStructureNames());
    }

    @Test
    void dropAndFoldOnlyWhenAsked(@TempDir Path dir) throws IOException {
        LoadedModel m = randomModel(11, true);
        Path drn = dir.resolve("m.drn");
        FormatLossException e = assertThrows(FormatLossException.class, () -> ModelFormats.write(m, drn, "auto"));
        assertEquals(EnumSet.of(ModelFeature.DISCOUNT, ModelFeature.OBJECTIVE), e.features());
        assertTrue(e.getMessage().contains("discount 0.9") && e.getMessage().contains("discount,objective"),
                e.getMessage());
        Path mdp = dir.resolve("m.mdp");
        e = assertThrows(FormatLossException.class, () -> ModelFormats.write(m, mdp, "auto"));
        assertEquals(EnumSet.of(ModelFeature.LABELS, ModelFeature.REWARDS, ModelFeature.STATE_REWARDS), e.features());
        assertTrue(e.getMessage().contains("'time', 'energy'") && e.getMessage().contains("goal, risk, even"),
                e.getMessage());
        // dropping the rewards writes none: read back, every reward is 0
        ModelFormats.write(m, mdp, ModelFormats.MDP, EnumSet.of(ModelFeature.LABELS, ModelFeature.REWARDS));
        LoadedModel back = ModelFormats.read(mdp);
        assertEquals(List.of(), back.rewardStructures());
        assertArrayEquals(new double[m.mdp().numChoices()], back.mdp().rewardArray());
        // dropping the state rewards keeps the choice part of the first structure only... after selecting it
        LoadedModel time = m.withRewardStructures(List.of(m.rewardStructure("time")));
        ModelFormats.write(time, mdp, ModelFormats.MDP, EnumSet.of(ModelFeature.LABELS, ModelFeature.STATE_REWARDS));
        assertArrayEquals(m.rewardStructure("time").choiceRewardArray(), ModelFormats.read(mdp).mdp().rewardArray());
        // action names Cassandra cannot spell (a digit first): refused, then written as numbers when dropped
        MdpBuilder b = new MdpBuilder(2);
        for (int st = 0; st < 2; st++) {
            b.startChoice(st, "1st", 1.0).addTransition(1 - st, 1.0).finishChoice();
            b.startChoice(st, "2nd", 2.0).addTransition(st, 1.0).finishChoice();
        }
        LoadedModel numbered = LoadedModel.withOwnRewards(b.build());
        Path pomdp = dir.resolve("m.pomdp");
        e = assertThrows(FormatLossException.class, () -> ModelFormats.write(numbered, pomdp, "auto"));
        assertEquals(EnumSet.of(ModelFeature.ACTION_LABELS), e.features());
        ModelFormats.write(numbered, pomdp, ModelFormats.CASSANDRA, EnumSet.of(ModelFeature.ACTION_LABELS));
        Mdp read = ModelFormats.read(pomdp).mdp();
        assertEquals("0", read.actionLabel(0));
        assertArrayEquals(numbered.mdp().rewardArray(), read.rewardArray());
    }
}
