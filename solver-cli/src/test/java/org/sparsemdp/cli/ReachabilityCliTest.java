package org.sparsemdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code solve} with PRISM/DRN files, label expressions, reward structures and discount 1. */
class ReachabilityCliTest {
    private static final Path EXTERNAL = Path.of("../../shared/data/external");

    private static double initialValue(CliTest.Run r) {
        Matcher m = Pattern.compile("\"initialValue\":\"?([^,}\"]+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        return Double.parseDouble(m.group(1));
    }

    /** A gambler: from 1 or 2 bet (win/lose ½) or stop (state 3); 0 and 3 are absorbing. */
    private static Path writeGambler(Path dir) throws IOException {
        Files.writeString(dir.resolve("g.tra"), "# Transitions\n4 5 7\n0 0 0 1 stay\n1 0 0 0.5 bet\n1 0 2 0.5 bet\n"
                + "2 0 1 0.5 bet\n2 0 3 0.5 bet\n2 1 3 1 stop\n3 0 3 1 stay\n");
        Files.writeString(dir.resolve("g.lab"), "0=\"init\" 1=\"deadlock\" 2=\"broke\" 3=\"rich\"\n0: 2\n1: 0\n3: 3\n");
        Files.writeString(dir.resolve("g.srew"), "# Reward structure \"steps\"\n4 2\n1 1\n2 1\n");
        return dir.resolve("g.tra");
    }

    @Test
    void reachAndUntilOnAPrismModel(@TempDir Path dir) throws IOException {
        Path tra = writeGambler(dir);
        // From 1: Pmax(rich) solves x1 = x2/2, x2 = 1 (stop) -> 1/2; Pmin: x2 = x1/2 + 1/2 -> x1 = 1/3.
        CliTest.Run r = CliTest.run("solve", tra.toString(), "--reach", "rich", "--objective", "max", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(0.5, initialValue(r), 1e-6);
        r = CliTest.run("solve", tra.toString(), "--reach", "rich|broke&!rich", "--objective", "min", "--json");
        assertEquals(1.0, initialValue(r), 1e-6);
        r = CliTest.run("solve", tra.toString(), "--reach", "rich", "--objective", "min", "--json", "--relative");
        assertEquals(1.0 / 3, initialValue(r), 1e-6);
        // Expected steps until broke|rich, minimised: bet once from 1 then stop at 2 -> 1 + 1/2 = 1.5.
        r = CliTest.run("solve", tra.toString(), "--until", "broke|rich", "--reward-structure", "steps", "--json");
        assertEquals(1.5, initialValue(r), 1e-6);
        // Until rich alone: broke is reached with positive probability under every policy -> Infinity.
        r = CliTest.run("solve", tra.toString(), "--until", "rich", "--json");
        assertTrue(r.out().contains("\"initialValue\":\"Infinity\""), r.out());
        r = CliTest.run("solve", tra.toString(), "--until", "rich");
        assertTrue(r.out().contains("value Infinity"), r.out());
    }

    @Test
    void cumulativeRewardOnAPrismModel(@TempDir Path dir) throws IOException {
        Path tra = writeGambler(dir);
        // Steps from 1 over the whole run (broke and rich are absorbing with reward 0): min stops
        // at 2 (x1 = 1 + x2/2, x2 = 1 -> 1.5); max bets on (x1 = 1 + x2/2, x2 = 1 + x1/2 -> 2).
        for (String method : new String[] {"ii", "topological"}) {
            CliTest.Run r = CliTest.run("solve", tra.toString(), "--cumulative", "--objective", "min", "--json",
                    "--method", method);
            assertEquals(0, r.code(), r.err());
            assertEquals(1.5, initialValue(r), 1e-6);
            r = CliTest.run("solve", tra.toString(), "--cumulative", "--objective", "max", "--json", "-m", method);
            assertEquals(2.0, initialValue(r), 1e-6);
        }
        // Discounted (0.9), max: x1 = 1 + 0.45 x2, x2 = 1 + 0.45 x1 -> x1 = 1.45 / 0.7975.
        CliTest.Run r = CliTest.run("solve", tra.toString(), "--cumulative", "--objective", "max", "--discount", "0.9",
                "--json", "-e", "1e-9");
        assertEquals(0, r.code(), r.err());
        assertEquals(1.45 / 0.7975, initialValue(r), 1e-7);
        // A reward of 1 per step in broke: from 1 every policy risks broke -> Infinity.
        Files.writeString(dir.resolve("broke.srew"), "4 1\n0 1\n");
        r = CliTest.run("solve", tra.toString(), "--cumulative", "--objective", "min", "--json", "--state-rewards",
                dir.resolve("broke.srew").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"initialValue\":\"Infinity\""), r.out());
        r = CliTest.run("solve", tra.toString(), "--reach", "rich", "--method", "vi");
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("--method ii (interval iteration, the default), topological, ovi, svi or ssp-pi"), r.err());
    }

    @Test
    void topologicalMethodOnACyclicModelWithDiscountOne(@TempDir Path dir) throws IOException {
        // Cost 1 per step; from 0 "retry" returns to 0 with 1/2, or "slow" goes to 1 (cost 3);
        // 1 moves to the terminal 2 (cost 1). Min: x0 = min(1 + x0/2 + x2/2, 3 + x1), x1 = 1 -> 2.
        Path f = dir.resolve("c.mdp");
        Files.writeString(f, "mdp 1\nstates 3\nobjective min\n0 retry 1 0:0.5 2:0.5\n0 slow 3 1:1\n1 go 1 2:1\n");
        for (String method : new String[] {"topological", "ii", "ovi", "svi", "ssp-pi"}) {
            String prefix = method.equals("topological") ? "tii" : method;
            CliTest.Run r = CliTest.run("solve", f.toString(), "--method", method, "--json");
            assertEquals(0, r.code(), r.err());
            assertEquals(2.0, initialValue(r), 1e-6);
            // the default at discount 1 is the total reward R[C]; --until-terminal asks the stochastic shortest path
            assertTrue(r.out().contains("\"" + prefix + "-cumulative-min\""), r.out());
            r = CliTest.run("solve", f.toString(), "--method", method, "--until-terminal", "--json");
            assertEquals(2.0, initialValue(r), 1e-6);
            assertTrue(r.out().contains("\"" + prefix + "-rmin\""), r.out());
        }
        // Interval iteration has no inner method: --inner is refused with the reason, not ignored.
        CliTest.Run r = CliTest.run("solve", f.toString(), "--method", "topological", "--inner", "vi");
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("--inner does not apply to a cyclic model with discount 1"), r.err());
        Files.writeString(dir.resolve("c.lab"), "0=\"init\" 1=\"done\"\n2: 1\n");
        r = CliTest.run("solve", f.toString(), "--labels", dir.resolve("c.lab").toString(), "--reach", "done",
                "--method", "topological", "--inner", "gs");
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("--inner does not apply to --reach"), r.err());
    }

    @Test
    void badLabelExpressionAndUnknownNamesAreReported(@TempDir Path dir) throws IOException {
        Path tra = writeGambler(dir);
        CliTest.Run r = CliTest.run("solve", tra.toString(), "--reach", "rich&(broke");
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("expected ')'"), r.err());
        r = CliTest.run("solve", tra.toString(), "--reach", "poor");
        assertTrue(r.err().contains("unknown label 'poor'"), r.err());
        r = CliTest.run("solve", tra.toString(), "--until", "rich", "--reward-structure", "7");
        assertTrue(r.err().contains("unknown reward structure '7'"), r.err());
        r = CliTest.run("solve", tra.toString(), "--reach", "rich", "--until", "rich");
        assertEquals(2, r.code());
        r = CliTest.run("solve", tra.toString(), "--reach", "rich", "--discount", "0.9");
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("add --discount 1"), r.err());
    }

    @Test
    void externalModelsThroughTheCli() {
        assumeTrue(Files.isDirectory(EXTERNAL), "external data not present");
        Path dice = EXTERNAL.resolve("storm_two_dice");
        CliTest.Run r = CliTest.run("solve", dice.resolve("two_dice.tra").toString(), "--labels",
                dice.resolve("two_dice.lab").toString(), "--reach", "three", "--json", "-e", "1e-9");
        assertEquals(2.0 / 36, initialValue(r), 1e-6);
        r = CliTest.run("solve", dice.resolve("two_dice.tra").toString(), "--labels", dice.resolve("two_dice.lab").toString(),
                "--state-rewards", dice.resolve("two_dice.flip.state.rew").toString(), "--transition-rewards",
                dice.resolve("two_dice.flip.trans.rew").toString(), "--until", "done", "--json", "-e", "1e-9");
        assertEquals(44.0 / 3, initialValue(r), 1e-6);
        r = CliTest.run("solve", dice.resolve("two_dice.drn").toString(), "--until", "done", "--objective", "max",
                "--json", "-e", "1e-9");
        assertEquals(22.0 / 3, initialValue(r), 1e-6);
        Path robot = EXTERNAL.resolve("prism_robot").resolve("robot.tra");
        r = CliTest.run("solve", robot.toString(), "--until", "goal1|goal2", "--objective", "max", "--json");
        assertEquals(3.5, initialValue(r), 1e-6);
        r = CliTest.run("solve", robot.toString(), "--until", "\"goal2\"", "--reward-structure", "1", "--json");
        assertEquals(19.0 / 15, initialValue(r), 1e-6);
    }

    @Test
    void generatedDiceSolveToThePublishedValues(@TempDir Path dir) {
        Path drn = dir.resolve("three.drn.gz");
        CliTest.Run r = CliTest.run("generate", "dice", "-k", "3", "-o", drn.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("2197 states"), r.out());
        r = CliTest.run("solve", drn.toString(), "--json", "-e", "1e-9"); // discount 1: expected flips
        assertEquals(11.0, initialValue(r), 1e-6);
        r = CliTest.run("solve", drn.toString(), "--reach", "sum18", "--objective", "max", "--json", "-e", "1e-12");
        assertEquals(1.0 / 216, initialValue(r), 1e-9);
    }
}
