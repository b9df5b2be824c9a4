package org.sparsemdp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.io.mdp.MdpTextReader;
import org.sparsemdp.model.Mdp;

class GenerateCommandTest {
    static void assertSameArrays(Mdp a, Mdp b) {
        assertEquals(a.numStates(), b.numStates());
        assertEquals(a.objective(), b.objective());
        assertEquals(a.discount(), b.discount());
        assertEquals(a.initialState(), b.initialState());
        assertArrayEquals(a.choiceStartArray(), b.choiceStartArray());
        assertArrayEquals(a.successorArray(), b.successorArray());
        assertArrayEquals(a.probabilityArray(), b.probabilityArray());
        assertArrayEquals(a.rewardArray(), b.rewardArray());
        for (int c = 0; c < a.numChoices(); c++) {
            assertEquals(a.actionLabel(c), b.actionLabel(c));
        }
    }

    @Test
    void inventoryDefaultsAreTheBundledLab(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("inv.mdp");
        CliTest.Run r = CliTest.run("generate", "inventory", "-o", file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4 states, 11 choices, 22 transitions"), r.out());
        assertSameArrays(MdpTextReader.read(Path.of("../datasets/inventory/inventory.mdp")), MdpTextReader.read(file));
    }

    @Test
    void forestDefaultsAreTheBundledExampleAlsoGzipped(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("forest.mdp.gz");
        CliTest.Run r = CliTest.run("generate", "forest", "-o", file.toString());
        assertEquals(0, r.code(), r.err());
        byte[] head = Files.readAllBytes(file);
        assertEquals(0x1f, head[0] & 0xff, "gzip magic");
        assertSameArrays(MdpTextReader.read(Path.of("../datasets/forest/forest.mdp")), MdpTextReader.read(file));
    }

    @Test
    void randomGridIsReproducibleAndMapGridReadsTheMap(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.mdp");
        Path b = dir.resolve("b.mdp");
        for (Path p : List.of(a, b)) {
            CliTest.Run r = CliTest.run("generate", "grid", "--width", "30", "--height", "20", "--walls", "0.2",
                    "--seed", "7", "-o", p.toString());
            assertEquals(0, r.code(), r.err());
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        Path map = dir.resolve("aima.txt");
        Files.writeString(map, "...G\n.#.T\nS...\n");
        Path m = dir.resolve("m.mdp");
        CliTest.Run r = CliTest.run("generate", "grid", "--map", map.toString(), "--discount", "1", "-o", m.toString());
        assertEquals(0, r.code(), r.err());
        Mdp mdp = MdpTextReader.read(m);
        assertEquals(11, mdp.numStates());
        assertEquals(7, mdp.initialState());
        assertEquals(2, mdp.numTerminalStates());
    }

    @Test
    void substationWritesModelAndObservations(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("sub.mdp");
        Path obs = dir.resolve("obs.csv");
        Path names = dir.resolve("names.csv");
        CliTest.Run r = CliTest.run("generate", "substation", "--positions", "0,1,2,3", "--users", "1,1,1",
                "--observations", obs.toString(), "--state-names", names.toString(), "-o", model.toString());
        assertEquals(0, r.code(), r.err());
        Mdp mdp = MdpTextReader.read(model);
        List<String> lines = Files.readAllLines(obs);
        assertEquals("state,observation", lines.get(0));
        assertEquals(mdp.numStates() + 1, lines.size());
        assertEquals("0,0", lines.get(1));
        // Documented numbering for N = 3: START; ([1,2], crew at 3) with f = 1, 2; ([1,3], crew at the
        // left end) with f = 1, 2, 3; ([2,3], crew at 1) with f = 2, 3; DONE. States differing only in
        // the fault share an observation.
        assertEquals(9, mdp.numStates());
        String[] o = new String[9];
        for (int s = 0; s < 9; s++) {
            o[s] = lines.get(s + 1).split(",")[1];
        }
        assertEquals(o[1], o[2]);
        assertEquals(o[3], o[4]);
        assertEquals(o[3], o[5]);
        assertEquals(o[6], o[7]);
        assertEquals(5, java.util.Set.of(o[0], o[1], o[3], o[6], o[8]).size());
        List<String> nameLines = Files.readAllLines(names);
        assertEquals("state,name", nameLines.get(0));
        assertEquals("0,START", nameLines.get(1));
        assertEquals("3,fault=1 at=0 disconnected=1..3", nameLines.get(4));
        assertEquals("8,DONE", nameLines.get(9));
    }

    @Test
    void substationTreeFromParentsOrFileAndPathEqualsLine(@TempDir Path dir) throws IOException {
        Path line = dir.resolve("line.mdp");
        Path path = dir.resolve("path.mdp");
        assertEquals(0, CliTest.run("generate", "substation", "--positions", "0,1,2,3", "--users", "1,1,1", "-o",
                line.toString()).code());
        CliTest.Run r = CliTest.run("generate", "substation", "--parents", "0,1,2", "--users", "1,1,1", "-o",
                path.toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(Files.readAllBytes(line), Files.readAllBytes(path), "a path is the line");

        // the 5-node example of the README: 1 feeds 2 and 4, 2 feeds 3, 4 feeds 5
        Path csv = dir.resolve("net.csv");
        Files.writeString(csv, "node,parent,distance,users,prior\n# the feeder head\n1,0,1,10,0.2\n2,1,2,20,0.2\n"
                + "3,2,1,30,0.2\n4,1,1,40,0.2\n5,4,3,50,0.2\n");
        Path fromFile = dir.resolve("file.mdp");
        Path fromParents = dir.resolve("parents.mdp");
        Path names = dir.resolve("names.csv");
        assertEquals(0, CliTest.run("generate", "substation", "--network", csv.toString(), "-o",
                fromFile.toString(), "--state-names", names.toString()).code());
        assertEquals(0, CliTest.run("generate", "substation", "--parents", "0,1,2,1,4", "--distances", "1,2,1,1,3",
                "--users", "10,20,30,40,50", "-o", fromParents.toString()).code());
        assertArrayEquals(Files.readAllBytes(fromFile), Files.readAllBytes(fromParents));
        assertTrue(Files.readAllLines(names).stream().anyMatch(l -> l.endsWith(",fault=1 at=0 disconnected=1..5")));
        assertTrue(Files.readAllLines(names).stream().anyMatch(l -> l.endsWith(",fault=3 at=4 disconnected=1..3")));

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "node,parent,distance,users\n1,0,1,10\n2,7,1,10\n");
        CliTest.Run e = CliTest.run("generate", "substation", "--network", bad.toString(), "-o",
                dir.resolve("x.mdp").toString());
        assertTrue(e.code() != 0);
        assertTrue(e.err().contains("bad.csv:3") && e.err().contains("parent"), e.err());
    }

    @Test
    void inventoryWithUniformDemand(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("inv.mdp");
        CliTest.Run r = CliTest.run("generate", "inventory", "--capacity", "10", "--demand", "uniform:0..4", "-o",
                file.toString());
        assertEquals(0, r.code(), r.err());
        Mdp mdp = MdpTextReader.read(file);
        assertEquals(11, mdp.numStates());
        // State 0 may produce 4..10 (meet demand 4, end at most 10 after demand 0): 7 choices of 5 outcomes.
        assertEquals(7, mdp.numChoices(0));
        assertEquals(0.2, mdp.probability(mdp.transitionStart(mdp.choiceStart(0))), 1e-15);
    }

    @Test
    void garnetIsReproducibleAndHasTheRequestedShape(@TempDir Path dir) throws java.io.IOException {
        Path a = dir.resolve("a.mdp");
        Path b = dir.resolve("b.mdp.gz");
        assertEquals(0, CliTest.run("generate", "garnet", "-n", "500", "-a", "3", "-b", "5", "--seed", "9", "-o",
                a.toString()).code());
        assertEquals(0, CliTest.run("generate", "garnet", "-n", "500", "-a", "3", "-b", "5", "--seed", "9", "-o",
                b.toString()).code());
        Mdp m = org.sparsemdp.io.mdp.MdpTextReader.read(a);
        assertEquals(500, m.numStates());
        assertEquals(1500, m.numChoices());
        assertEquals(7500, m.numTransitions());
        Mdp m2 = org.sparsemdp.io.mdp.MdpTextReader.read(b);
        org.junit.jupiter.api.Assertions.assertArrayEquals(m.successorArray(), m2.successorArray());
        org.junit.jupiter.api.Assertions.assertArrayEquals(m.probabilityArray(), m2.probabilityArray(), 0.0);
    }

    @Test
    void badUsageAndBadValuesAreReported(@TempDir Path dir) {
        CliTest.Run r = CliTest.run("generate", "forest", "-o", dir.resolve("x.txt").toString());
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("cannot tell the output format"), r.err());
        r = CliTest.run("generate", "forest", "--to", "nosuch", "-o", dir.resolve("x.mdp").toString());
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code()); // a bad option value: usage
        assertTrue(r.err().contains("unknown format 'nosuch'"), r.err());
        r = CliTest.run("generate", "inventory", "--demand", "1:0.5,x", "-o", dir.resolve("y.mdp").toString());
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("--demand"), r.err());
        r = CliTest.run("generate", "forest");
        assertEquals(2, r.code());
        r = CliTest.run("generate");
        assertEquals(2, r.code());
        assertFalse(Files.exists(dir.resolve("x.mdp")));
    }

    @Test
    void embeddedDiscountUntilStopEqualsTheDiscountedValues(@TempDir Path dir) throws IOException {
        Path discounted = dir.resolve("g.mdp");
        Path embedded = dir.resolve("g.drn");
        String[] common = {"generate", "garnet", "--states", "50", "--actions", "3", "--branching", "3", "--seed", "4",
                "--discount", "0.9"};
        assertEquals(0, CliTest.run(concat(common, "-o", discounted.toString())).code());
        // DRN holds no objective: dropping it must be asked for
        CliTest.Run lossy = CliTest.run(concat(common, "--embed-discount", "-o", embedded.toString()));
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, lossy.code(), lossy.err());
        assertTrue(lossy.err().contains("--drop objective"), lossy.err());
        CliTest.Run w = CliTest.run(concat(common, "--embed-discount", "--drop", "objective", "-o", embedded.toString()));
        assertEquals(0, w.code(), w.err());
        assertTrue(w.out().contains("51 states, 150 choices, 600 transitions"), w.out());
        // without labels the stop state would be lost: refused
        assertEquals(2, CliTest.run(concat(common, "--embed-discount", "-o", dir.resolve("x.mdp").toString())).code());
        CliTest.Run vi = CliTest.run("solve", discounted.toString(), "-m", "vi", "--epsilon", "1e-9", "--json");
        CliTest.Run until = CliTest.run("solve", embedded.toString(), "--until", "stop", "--objective", "max",
                "--epsilon", "1e-9", "--json");
        assertEquals(0, until.code(), until.err());
        double a = Double.parseDouble(vi.out().replaceAll("(?s).*\"initialValue\":([-0-9.Ee]+).*", "$1"));
        double b = Double.parseDouble(until.out().replaceAll("(?s).*\"initialValue\":([-0-9.Ee]+).*", "$1"));
        assertEquals(a, b, 2e-9);
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
