package org.sparsemdp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
    private static final Path INVENTORY = Path.of("../datasets/inventory/inventory.mdp");
    private static final Path TIGER = Path.of("/work/shared/data/external/cassandra_pomdp_examples/tiger.95.POMDP");
    private static final Path ROBOT = Path.of("/work/shared/data/external/prism_robot/robot.tra");

    private static double initialValue(Run r) {
        return Double.parseDouble(r.out().replaceAll("(?s).*\"initialValue\":\"?([-0-9.EeInfity]+).*", "$1"));
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparseMdpCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void mdpToUmbToMdpIsLossless(@TempDir Path dir) throws IOException {
        Path canonical = dir.resolve("canonical.mdp");
        Path umb = dir.resolve("inv.umb.gz");
        Path back = dir.resolve("back.mdp");
        assertEquals(0, run("convert", INVENTORY.toString(), canonical.toString()).code());
        Run r = run("convert", INVENTORY.toString(), umb.toString());
        assertEquals(0, r.code(), r.err());
        r = run("convert", umb.toString(), back.toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(Files.readAllBytes(canonical), Files.readAllBytes(back));
    }

    @Test
    void pomdpNeedsTheFlagAndThenSolves(@TempDir Path dir) throws IOException {
        Path umb = dir.resolve("tiger.umb.xz");
        Run r = run("convert", TIGER.toString(), umb.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(TIGER + ":8:") && r.err().contains("--pomdp-as-mdp"), r.err());
        r = run("convert", TIGER.toString(), umb.toString(), "--pomdp-as-mdp");
        assertEquals(0, r.code(), r.err());
        // the underlying MDP of the tiger problem: always open the safe door, V = 10 / (1 - 0.95) = 200
        Path renamed = dir.resolve("model.bin");
        Files.move(umb, renamed);
        r = run("solve", renamed.toString(), "--json", "--epsilon", "1e-9");
        assertEquals(0, r.code(), r.err());
        double v = Double.parseDouble(r.out().replaceAll("(?s).*\"initialValue\":([-0-9.Ee]+).*", "$1"));
        assertEquals(200.0, v, 1e-6);
    }

    @Test
    void failedConversionLeavesTheOldFileAndNoTemporaries(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out.pomdp");
        Files.writeString(target, "precious");
        // the inventory model has different actions in different states: not expressible in Cassandra's format
        Run r = run("convert", INVENTORY.toString(), target.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("Cassandra"), r.err());
        assertEquals("precious", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
        Path broken = dir.resolve("broken.mdp");
        Files.writeString(broken, "mdp 1\nstates 2\nobjective min\n0 a 1 1:0.5\n");
        r = run("convert", broken.toString(), target.toString(), "--to", "umb");
        assertEquals(1, r.code());
        assertTrue(r.err().contains(broken + ":4:"), r.err());
        assertEquals("precious", Files.readString(target));
    }

    @Test
    void unknownOutputFormatIsAnError(@TempDir Path dir) {
        Run r = run("convert", INVENTORY.toString(), dir.resolve("x.txt").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--to"), r.err());
    }

    @Test
    void discountAndRewardsSurviveOrTheConversionSaysWhy(@TempDir Path dir) {
        // the case: .mdp -> .drn used to drop the rewards and the discount silently
        Path drn = dir.resolve("inv.drn");
        Run r = run("convert", INVENTORY.toString(), drn.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("discount 0.8") && r.err().contains("--drop discount"), r.err());
        assertTrue(Files.notExists(drn));
        r = run("convert", INVENTORY.toString(), drn.toString(), "--drop", "discount");
        assertEquals(0, r.code(), r.err());
        // the published values of the inventory model: v(0) = 1290/49 at discount 0.8
        r = run("solve", drn.toString(), "--discount", "0.8", "--json", "--epsilon", "1e-10");
        assertEquals(0, r.code(), r.err());
        assertEquals(1290.0 / 49, initialValue(r), 1e-8);
        Path tra = dir.resolve("inv.tra");
        assertEquals(0, run("convert", INVENTORY.toString(), tra.toString(), "--drop", "discount").code());
        assertTrue(Files.exists(dir.resolve("inv.trew")) && Files.exists(dir.resolve("inv.lab")));
        r = run("solve", tra.toString(), "--discount", "0.8", "--json", "--epsilon", "1e-10");
        assertEquals(1290.0 / 49, initialValue(r), 1e-8);
    }

    @Test
    void prismToUmbKeepsLabelsAndRewardStructures(@TempDir Path dir) {
        assumeTrue(Files.exists(ROBOT), "external data not present");
        Path umb = dir.resolve("robot.umb");
        assertEquals(0, run("convert", ROBOT.toString(), umb.toString()).code());
        Run r = run("info", umb.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"labels\":[{\"name\":\"hazard\",\"states\":1},{\"name\":\"goal1\",\"states\":1},"
                + "{\"name\":\"goal2\",\"states\":2}"), r.out());
        assertTrue(r.out().contains("\"rewardStructures\":[{\"name\":\"time\",\"stateRewards\":true,\"choiceRewards\":true},"
                + "{\"name\":\"energy\""), r.out());
        r = run("info", umb.toString());
        assertTrue(r.out().contains("labels        hazard (1), goal1 (1), goal2 (2)"), r.out());
        assertTrue(r.out().contains("rewards       time (state + choice), energy (state + choice), move (state + choice)"),
                r.out());
        // PRISM's Rmin=? [F "goal2"] = 19/15 for the structure "time" (robot.prism.props)
        r = run("solve", umb.toString(), "--until", "goal2", "--reward-structure", "time", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(19.0 / 15, initialValue(r), 1e-6);
    }

    @Test
    void oneStructureFormatsNeedAChoice(@TempDir Path dir) throws IOException {
        assumeTrue(Files.exists(ROBOT), "external data not present");
        Path mdp = dir.resolve("robot.mdp");
        Run r = run("convert", ROBOT.toString(), mdp.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("labels hazard, goal1, goal2") && r.err().contains("'time', 'energy', 'move'")
                && r.err().contains("--drop labels,rewards,state-rewards") && r.err().contains("--reward-structure")
                && r.err().contains("--fold-state-rewards"), r.err());
        r = run("convert", ROBOT.toString(), mdp.toString(), "--reward-structure", "time", "--drop", "labels");
        assertEquals(1, r.code(), "the state part of 'time' still needs folding or dropping");
        r = run("convert", ROBOT.toString(), mdp.toString(), "--reward-structure", "time", "--fold-state-rewards",
                "--drop", "labels");
        assertEquals(0, r.code(), r.err());
        // with the states' labels supplied again, PRISM's value: Rmin=? [F "goal1"|"goal2"] = 1.2
        r = run("solve", mdp.toString(), "--labels", ROBOT.resolveSibling("robot.lab").toString(),
                "--until", "goal1 | goal2", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(1.2, initialValue(r), 1e-6);
        // --reward-parts: only the state part of 'time' (1 per step): to the DRN and back, only state rewards
        Path drn = dir.resolve("time-state.drn");
        r = run("convert", ROBOT.toString(), drn.toString(), "--reward-structure", "time", "--reward-parts", "state");
        assertEquals(0, r.code(), r.err());
        assertTrue(run("info", drn.toString()).out().contains("rewards       time (state)\n"));
    }
}
